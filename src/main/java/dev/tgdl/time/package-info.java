/**
 * tgdl's one clock, {@link dev.tgdl.time.TimeSource}: every wait, timestamp and duration of tgdl and
 * of the simulator goes through it. The system clock waits in real time;
 * {@link dev.tgdl.time.VirtualClock} is discrete-event time that moves only when every thread taking
 * part waits, straight to the earliest deadline; a {@link dev.tgdl.time.Monitor} is the lock and
 * condition whose waits are in the clock's time, so that hand-offs between threads never freeze it.
 *
 * <p>May import: no other tgdl package.
 */
package dev.tgdl.time;
