package dev.aegis.server.loadtest;

/**
 * Intended send times on a constant arrival rate: ticket {@code i} is due at {@code start + i / rate}, whatever
 * happened to the tickets before it. Tickets before {@code warmupTickets} belong to the warm-up.
 */
final class ArrivalSchedule {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final long startNanos;
    private final double periodNanos;
    private final long tickets;
    private final long warmupTickets;

    ArrivalSchedule(long startNanos, double ratePerSecond, long tickets, long warmupTickets) {
        if (!(ratePerSecond > 0) || tickets < 0 || warmupTickets < 0) {
            throw new IllegalArgumentException(
                    "rate " + ratePerSecond + ", tickets " + tickets + ", warm-up tickets " + warmupTickets);
        }
        this.startNanos = startNanos;
        this.periodNanos = NANOS_PER_SECOND / ratePerSecond;
        this.tickets = tickets;
        this.warmupTickets = Math.min(warmupTickets, tickets);
    }

    long tickets() {
        return tickets;
    }

    long warmupTickets() {
        return warmupTickets;
    }

    boolean isWarmup(long ticket) {
        return ticket < warmupTickets;
    }

    long startNanos() {
        return startNanos;
    }

    /** When the ticket should leave; {@code intendedNanos(tickets())} is the end of the schedule. */
    long intendedNanos(long ticket) {
        return startNanos + Math.round(ticket * periodNanos);
    }

    /** When the measured phase starts (the first ticket after the warm-up). */
    long measuredStartNanos() {
        return intendedNanos(warmupTickets);
    }

    long endNanos() {
        return intendedNanos(tickets);
    }

    /** How many tickets are due at {@code nowNanos}: those whose intended time is not after it. */
    long dueBy(long nowNanos) {
        if (nowNanos < startNanos) {
            return 0;
        }
        long due = Math.min(tickets, (long) Math.floor((nowNanos - startNanos) / periodNanos) + 1);
        while (due < tickets && intendedNanos(due) <= nowNanos) {
            due++;
        }
        while (due > 0 && intendedNanos(due - 1) > nowNanos) {
            due--;
        }
        return due;
    }
}
