package dev.aegis.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private final Authenticator authenticator = Authenticator.create(List.of(
            ApiKey.of("key-of-acme", "acme", Set.of(Role.SUBMITTER)),
            ApiKey.of("key-of-audit", "acme", Set.of(Role.AUDITOR))));

    @Test
    void aKnownBearerKeyIdentifiesItsTenantAndRoles() {
        Authentication result = authenticator.authenticate(Optional.of("Bearer key-of-acme"));

        assertThat(result).isEqualTo(new Authentication.Granted(new Principal(
                "acme", ApiKey.of("key-of-acme", "acme", Set.of(Role.SUBMITTER)).actor(), Set.of(Role.SUBMITTER))));
    }

    @Test
    void aRepeatedKeyIsGrantedAgainFromTheCache() {
        Authentication first = authenticator.authenticate(Optional.of("Bearer key-of-audit"));
        Authentication second = authenticator.authenticate(Optional.of("bearer key-of-audit"));

        assertThat(second).isEqualTo(first).isInstanceOf(Authentication.Granted.class);
    }

    @Test
    void aMissingHeaderIsDenied() {
        assertThat(authenticator.authenticate(Optional.empty()))
                .isInstanceOfSatisfying(Authentication.Denied.class,
                        denied -> assertThat(denied.reason()).contains("Bearer"));
    }

    @Test
    void anotherSchemeOrAnEmptyKeyIsDenied() {
        assertThat(authenticator.authenticate(Optional.of("Basic a2V5"))).isInstanceOf(Authentication.Denied.class);
        assertThat(authenticator.authenticate(Optional.of("Bearer   "))).isInstanceOf(Authentication.Denied.class);
    }

    @Test
    void anUnknownKeyIsDenied() {
        assertThat(authenticator.authenticate(Optional.of("Bearer key-of-nobody")))
                .isEqualTo(new Authentication.Denied("the API key is not valid"));
    }

    @Test
    void keysAreStoredAsSha256Hashes() {
        assertThat(ApiKey.hashOf("abc"))
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void generatedKeysAreLongRandomAndDistinct() {
        String one = ApiKey.generate();
        String two = ApiKey.generate();

        assertThat(one).startsWith("aegis_").hasSize("aegis_".length() + 43).isNotEqualTo(two);
    }

    @Test
    void twoKeysWithTheSameSecretAreRejected() {
        List<ApiKey> keys = List.of(
                ApiKey.of("same", "a", Set.of(Role.ADMIN)), ApiKey.of("same", "b", Set.of(Role.AUDITOR)));

        assertThatThrownBy(() -> Authenticator.create(keys)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyNeedsAValidHashTenantAndRoles() {
        String hash = ApiKey.hashOf("x");

        assertThatThrownBy(() -> new ApiKey("sha256:00", "acme", Set.of(Role.ADMIN))).hasMessageContaining("hash");
        assertThatThrownBy(() -> new ApiKey(hash, "bad tenant", Set.of(Role.ADMIN))).hasMessageContaining("tenant");
        assertThatThrownBy(() -> new ApiKey(hash, "acme", Set.of())).hasMessageContaining("role");
    }

    @Test
    void principalsCheckRoles() {
        Principal principal = new Principal("acme", "key/0123456789abcdef", Set.of(Role.AUDITOR));

        assertThat(principal.hasAnyOf(Set.of(Role.AUDITOR, Role.ADMIN))).isTrue();
        assertThat(principal.hasAnyOf(Set.of(Role.SUBMITTER))).isFalse();
    }
}
