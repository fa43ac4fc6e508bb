package dev.aegis.core.agent.builtin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The generative story behind the shipped login-risk model: synthetic login events, each labelled risky (an
 * account takeover or a fake account) or legitimate. Seeded with {@link java.util.Random}, whose algorithm
 * the JDK specifies, so a seed gives the same events on every JVM.
 *
 * <p>A login is risky with probability {@value #RISKY_RATE}. Given the label, each feature is drawn
 * independently:
 * <ul>
 *   <li>{@code failed_attempts} (failed password attempts in the last hour): Poisson, mean 0.3 when
 *       legitimate, 1.2 when risky, at most 20;
 *   <li>{@code account_age_days}: log-normal, median 400 days when legitimate and 90 when risky, both with a
 *       log standard deviation of 1.2;
 *   <li>{@code hour_of_day} (local time): night (0 to 5) with probability 0.10 when legitimate, 0.25 when
 *       risky, otherwise uniform over 6 to 23; {@code night_login} is true at night;
 *   <li>{@code anonymous_proxy} (Tor exit node or known proxy): 0.02 legitimate, 0.12 risky;
 *   <li>{@code password_reset_recent} (password reset in the last 24 h): 0.03 legitimate, 0.10 risky.
 * </ul>
 */
final class LoginStory {

    static final double RISKY_RATE = 0.10;

    private static final int MAX_FAILED_ATTEMPTS = 20;

    /** One synthetic login: the event as an agent sees it, and the truth. */
    record Login(ObjectNode event, boolean risky) {}

    /** What differs between legitimate and risky logins. */
    private record Profile(
            double failedAttemptsMean,
            double medianAgeDays,
            double nightRate,
            double proxyRate,
            double resetRate) {}

    private static final Profile LEGITIMATE = new Profile(0.3, 400, 0.10, 0.02, 0.03);
    private static final Profile RISKY = new Profile(1.2, 90, 0.25, 0.12, 0.10);
    private static final double AGE_LOG_SIGMA = 1.2;

    private LoginStory() {}

    static List<Login> logins(long seed, int count) {
        Random random = new Random(seed);
        List<Login> logins = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean risky = random.nextDouble() < RISKY_RATE;
            logins.add(new Login(event(random, risky ? RISKY : LEGITIMATE), risky));
        }
        return logins;
    }

    private static ObjectNode event(Random random, Profile profile) {
        int hour = random.nextDouble() < profile.nightRate() ? random.nextInt(6) : 6 + random.nextInt(18);
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("failed_attempts", poisson(random, profile.failedAttemptsMean()));
        event.put("account_age_days", Math.round(
                StrictMath.exp(StrictMath.log(profile.medianAgeDays()) + AGE_LOG_SIGMA * random.nextGaussian())));
        event.put("hour_of_day", hour);
        event.put("night_login", hour < 6);
        event.put("anonymous_proxy", random.nextDouble() < profile.proxyRate());
        event.put("password_reset_recent", random.nextDouble() < profile.resetRate());
        return event;
    }

    /** Knuth's method: fine for the small means here. */
    private static int poisson(Random random, double mean) {
        double limit = StrictMath.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit && count < MAX_FAILED_ATTEMPTS) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}
