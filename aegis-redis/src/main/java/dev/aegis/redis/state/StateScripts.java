package dev.aegis.redis.state;

/**
 * The Lua scripts of {@link RedisAgentStateStore}, one per operation, each atomic on its key. Every key is a hash
 * holding the {@code kind} of state and the instant it {@code expires} by the store's clock, beside its data.
 *
 * <p>Keys: {@code KEYS[1]} the hash; for windows, {@code KEYS[2]} the sorted set of events. Arguments:
 * {@code ARGV[1]} the kind, {@code ARGV[2]} now and {@code ARGV[3]} the new expiry instant (microseconds since
 * the epoch), {@code ARGV[4]} the Redis time to live in milliseconds, then the operation's own. Every number
 * arrives as a string computed in Java, since Lua would print large numbers imprecisely.
 *
 * <p>Each script answers {@code {'ok', result}}, or {@code {'conflict', kind}} when the key holds another kind.
 */
final class StateScripts {

    /**
     * Starts afresh when the key is absent or expired (dropping whatever is left of it), refuses another kind, and
     * stamps the kind and the new expiry.
     */
    private static final String PROLOGUE = """
            local kind = redis.call('HGET', KEYS[1], 'kind')
            if kind and tonumber(redis.call('HGET', KEYS[1], 'expires')) <= tonumber(ARGV[2]) then
              kind = false
            end
            if not kind then
              redis.call('DEL', unpack(KEYS))
            elseif kind ~= ARGV[1] then
              return {'conflict', kind}
            end
            redis.call('HSET', KEYS[1], 'kind', ARGV[1], 'expires', ARGV[3])
            """;

    /** Lets Redis free the keys some time after they expire by the store's clock. */
    private static final String EPILOGUE = """
            for _, key in ipairs(KEYS) do
              redis.call('PEXPIRE', key, ARGV[4])
            end
            return {'ok', result}
            """;

    /**
     * {@code ARGV[5]} the event's time, {@code ARGV[6]} one window before it, {@code ARGV[7]} minus one more
     * than the events kept. Each event is a member of its own, numbered by the hash's {@code sequence}.
     */
    static final LuaScript WINDOW = new LuaScript(PROLOGUE + """
            local sequence = redis.call('HINCRBY', KEYS[1], 'sequence', 1)
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[6])
            redis.call('ZADD', KEYS[2], ARGV[5], sequence)
            redis.call('ZREMRANGEBYRANK', KEYS[2], 0, ARGV[7])
            local result = redis.call('ZCOUNT', KEYS[2], '(' .. ARGV[6], ARGV[5])
            """ + EPILOGUE);

    /** {@code ARGV[5]} the new value; answers the one replaced, or nil. */
    static final LuaScript VALUE = new LuaScript(PROLOGUE + """
            local result = false
            if kind then
              result = redis.call('HGET', KEYS[1], 'value')
            end
            redis.call('HSET', KEYS[1], 'value', ARGV[5])
            """ + EPILOGUE);

    /** {@code ARGV[5]} the member, kept as the field {@code m:<member>}; answers 1 if it is new. */
    static final LuaScript MEMBERS = new LuaScript(PROLOGUE + """
            local result = redis.call('HSETNX', KEYS[1], 'm:' .. ARGV[5], '1')
            """ + EPILOGUE);

    private StateScripts() {}
}
