/** Parsing of the human-written quantities the farm takes: durations ({@code 10s}) and byte sizes ({@code 2G}). */
package dev.weft.farm.units;
