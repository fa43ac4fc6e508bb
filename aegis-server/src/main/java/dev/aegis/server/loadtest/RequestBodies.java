package dev.aegis.server.loadtest;

/**
 * The request bodies of a run, serialized before it: {@code size()} templates, each of a fixed length, and each use of
 * a template takes its next body. The transports build one request head per template.
 */
interface RequestBodies {

    /** How many templates there are; ticket {@code t} uses template {@code t % size()}. */
    int size();

    /** The length of every body made from the template. */
    int length(int template);

    /** The template's next body, stamped with the given time where the body has a time in it. */
    byte[] nextBody(int template, long epochMillis);
}
