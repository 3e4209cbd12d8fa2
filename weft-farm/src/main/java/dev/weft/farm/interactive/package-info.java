/** The interactive mode of {@code weft farm}: the original tool's questions, answered on a terminal, turned into a command line. */
package dev.weft.farm.interactive;
