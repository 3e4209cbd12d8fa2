/**
 * The weft job farm: a producer streams tasks ({@link dev.weft.farm.task}) through a bounded queue to
 * a pool of workers ({@link dev.weft.farm.run}) that run each task as an external process or a Java
 * function, record it in a crash-safe journal ({@link dev.weft.farm.journal}) and report progress
 * ({@link dev.weft.farm.progress}).
 */
package dev.weft.farm;
