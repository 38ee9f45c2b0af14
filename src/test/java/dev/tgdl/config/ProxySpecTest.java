package dev.tgdl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxySpecTest {

    @Test
    void socks5WithCredentials() {
        assertThat(ProxySpec.parse("socks5://user:p%40ss@127.0.0.1:1080")).contains(
                new ProxySpec(ProxySpec.Kind.SOCKS5, "127.0.0.1", 1080, "user", "p@ss", false, ""));
    }

    @Test
    void httpOnlyFlag() {
        assertThat(ProxySpec.parse("http://proxy.local:3128?http_only=1").orElseThrow().httpOnly()).isTrue();
    }

    @Test
    void mtprotoAndTelegramProxyLinks() {
        ProxySpec expected = new ProxySpec(ProxySpec.Kind.MTPROTO, "10.0.0.1", 443, "", "", false, "dd0123");
        assertThat(ProxySpec.parse("mtproto://10.0.0.1:443?secret=dd0123")).contains(expected);
        assertThat(ProxySpec.parse("tg://proxy?server=10.0.0.1&port=443&secret=dd0123")).contains(expected);
        assertThat(ProxySpec.parse("https://t.me/proxy?server=10.0.0.1&port=443&secret=dd0123")).contains(expected);
    }

    @Test
    void noneOrEmpty_meansNoProxy() {
        assertThat(ProxySpec.parse("none")).isEmpty();
        assertThat(ProxySpec.parse("")).isEmpty();
    }

    @Test
    void redacted_hidesPasswordAndSecret() {
        assertThat(ProxySpec.parse("socks5://u:secret@h:1").orElseThrow().redacted()).isEqualTo("socks5://u:***@h:1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://h:1", "socks5://hostonly", "mtproto://h:443", "socks5://h:99999", "http://h:port",
        "::nonsense"})
    void malformed_namesTheAcceptedForms(String url) {
        assertThatThrownBy(() -> ProxySpec.parse(url)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad proxy").hasMessageContaining("socks5://[user:pass@]host:port");
    }
}
