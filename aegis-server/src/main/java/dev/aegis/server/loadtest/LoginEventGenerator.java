package dev.aegis.server.loadtest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;

/**
 * Realistic login events from a seeded {@link Random}. Each subject belongs to a profile: a home city, a home
 * network (residential blocks, a corporate 10/8 network, an anonymizing proxy block, or a deny-listed documentation
 * block; the address within it is the subject's own, see {@link EventPool}), one to three devices and an account age.
 * Events mostly come from home; a few travel to another city, use a new device or another network, fail their
 * password, happen at night or follow a password reset, so that every agent of the login-risk pipeline has
 * something to find.
 */
final class LoginEventGenerator {

    /** Real cities: name, latitude, longitude. */
    private static final List<City> CITIES = List.of(
            new City("Paris", 48.8566, 2.3522), new City("London", 51.5074, -0.1278),
            new City("New York", 40.7128, -74.0060), new City("San Francisco", 37.7749, -122.4194),
            new City("Tokyo", 35.6762, 139.6503), new City("Sydney", -33.8688, 151.2093),
            new City("Sao Paulo", -23.5505, -46.6333), new City("Mumbai", 19.0760, 72.8777),
            new City("Berlin", 52.5200, 13.4050), new City("Toronto", 43.6532, -79.3832),
            new City("Singapore", 1.3521, 103.8198), new City("Lagos", 6.5244, 3.3792),
            new City("Mexico City", 19.4326, -99.1332), new City("Madrid", 40.4168, -3.7038),
            new City("Stockholm", 59.3293, 18.0686), new City("Seoul", 37.5665, 126.9780),
            new City("Johannesburg", -26.2041, 28.0473), new City("Chicago", 41.8781, -87.6298),
            new City("Warsaw", 52.2297, 21.0122), new City("Dubai", 25.2048, 55.2708));
    private static final List<IpBlock> RESIDENTIAL = List.of(
            IpBlock.slash16("81.2"), IpBlock.slash16("89.160"), IpBlock.slash16("175.16"), IpBlock.slash16("216.160"),
            IpBlock.slash16("2.125"), IpBlock.slash16("67.43"), IpBlock.slash16("202.196"), IpBlock.slash16("149.101"));
    private static final IpBlock CORPORATE = IpBlock.slash16("10.20");
    private static final IpBlock PROXY = IpBlock.slash24("185.220.101");
    /** In the default deny list (TEST-NET-1, TEST-NET-2 and the IPv6 documentation prefix). */
    private static final List<IpBlock> DENIED = List.of(
            IpBlock.slash24("192.0.2"), IpBlock.slash24("198.51.100"), IpBlock.ipv6("2001:db8::"));
    private static final int MAX_DEVICES = 3;
    private static final double MAX_ACCOUNT_AGE_DAYS = 3650;
    private static final double ESTABLISHED_ACCOUNT_DAYS = 90;
    /** Share of accounts younger than {@link #ESTABLISHED_ACCOUNT_DAYS}. */
    private static final double NEW_ACCOUNTS = 0.08;

    private final Random random;

    LoginEventGenerator(long seed) {
        this.random = new Random(seed);
    }

    Profile profile() {
        City home = CITIES.get(random.nextInt(CITIES.size()));
        double kind = random.nextDouble();
        Network network = kind < 0.03 ? Network.DENIED : kind < 0.07 ? Network.PROXY : kind < 0.17
                ? Network.CORPORATE : Network.RESIDENTIAL;
        String[] devices = new String[1 + random.nextInt(MAX_DEVICES)];
        for (int i = 0; i < devices.length; i++) {
            devices[i] = deviceId();
        }
        long accountAgeDays = random.nextDouble() < NEW_ACCOUNTS
                ? logUniform(1, ESTABLISHED_ACCOUNT_DAYS) : logUniform(ESTABLISHED_ACCOUNT_DAYS, MAX_ACCOUNT_AGE_DAYS);
        return new Profile(home, network, block(network), devices, accountAgeDays);
    }

    /**
     * One login of the profile: the event, without subject, and the block its {@code ip} is in (written as the
     * block's placeholder); {@code timestamp} is a placeholder of 13 digits.
     */
    LoginEvent event(Profile profile, long timestampMillis) {
        boolean risky = profile.network() == Network.DENIED || profile.network() == Network.PROXY;
        City city = random.nextDouble() < 0.03 ? CITIES.get(random.nextInt(CITIES.size())) : profile.home();
        IpBlock block = random.nextDouble() < 0.1 ? block(Network.RESIDENTIAL) : profile.block();
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("ip", block.placeholder());
        event.put("device_id", random.nextDouble() < 0.03
                ? deviceId() : profile.devices()[random.nextInt(profile.devices().length)]);
        event.put("lat", city.lat());
        event.put("lon", city.lon());
        event.put("timestamp", timestampMillis);
        event.put("failed_attempts", failedAttempts(risky));
        event.put("account_age_days", profile.accountAgeDays());
        event.put("night_login", random.nextDouble() < (risky ? 0.4 : 0.12));
        event.put("anonymous_proxy", profile.network() == Network.PROXY);
        event.put("password_reset_recent", random.nextDouble() < (risky ? 0.2 : 0.03));
        return new LoginEvent(event, block);
    }

    private long logUniform(double from, double to) {
        return Math.round(Math.exp(Math.log(from) + random.nextDouble() * (Math.log(to) - Math.log(from))));
    }

    private int failedAttempts(boolean risky) {
        double roll = random.nextDouble();
        if (roll < (risky ? 0.4 : 0.8)) {
            return 0;
        }
        return roll < (risky ? 0.7 : 0.95) ? 1 + random.nextInt(2) : 3 + random.nextInt(6);
    }

    private IpBlock block(Network network) {
        return switch (network) {
            case RESIDENTIAL -> RESIDENTIAL.get(random.nextInt(RESIDENTIAL.size()));
            case CORPORATE -> CORPORATE;
            case PROXY -> PROXY;
            case DENIED -> DENIED.get(random.nextInt(DENIED.size()));
        };
    }

    private String deviceId() {
        return "dev-" + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }

    enum Network { RESIDENTIAL, CORPORATE, PROXY, DENIED }

    record City(String name, double lat, double lon) {}

    record Profile(City home, Network network, IpBlock block, String[] devices, long accountAgeDays) {}

    record LoginEvent(ObjectNode json, IpBlock ip) {}
}
