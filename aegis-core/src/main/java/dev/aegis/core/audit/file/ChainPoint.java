package dev.aegis.core.audit.file;

/** A place in the chain: a record's sequence and hash; sequence 0 with 64 zeros is the start of every log. */
record ChainPoint(long sequence, String hash) {

    static final ChainPoint GENESIS = new ChainPoint(0, "0".repeat(64));
}
