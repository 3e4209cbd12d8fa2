/**
 * Operating-system side of the farm: terminating whole process trees (TERM, then KILL after a grace
 * period), finding processes left over by a farm that was killed, and waiting for free memory.
 */
package dev.weft.farm.proc;
