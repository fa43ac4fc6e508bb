package dev.aegis.core.router;

/** What a policy decides, in order of severity. */
public enum Decision {
    ALLOW,
    REVIEW,
    BLOCK;

    /** The more severe of the two. */
    public Decision atLeast(Decision other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
