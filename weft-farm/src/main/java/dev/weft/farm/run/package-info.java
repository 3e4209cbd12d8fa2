/**
 * Running a farm: {@link dev.weft.farm.run.FarmConfig} says what to run and how,
 * {@link dev.weft.farm.run.Farm} runs it (a producer thread filling a bounded queue, one virtual
 * thread per worker slot, retries, timeouts, halting, signals) and returns a
 * {@link dev.weft.farm.run.FarmResult}.
 */
package dev.weft.farm.run;
