package dev.realtimelessons.lesson06;

import static dev.realtimelessons.lesson06.RunningCluster.WAIT;
import static dev.realtimelessons.lesson06.RunningCluster.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.LocalNginx;
import dev.realtimelessons.kit.testing.WsTestClient;

@Tag("redis")
@DisplayName("nginx in front of two servers")
class NginxTest {

    @RegisterExtension
    static final RedisPerClass REDIS = new RedisPerClass();

    @RegisterExtension
    final RunningCluster cluster = new RunningCluster(REDIS);

    @Test
    @DisplayName("two clients connected through the lesson's nginx.conf land on different servers and still talk")
    void balancesAndStillTalks() {
        LocalNginx.requireInstalled();
        List<ClusterServer> nodes = cluster.start(2);
        LocalNginx nginx = cluster.closeLater(startLessonNginx(nodes));

        WsTestClient ada = join(nginx, "ada");
        WsTestClient bob = join(nginx, "bob");

        assertThat(nodes).as("connections per server").allSatisfy(node ->
                assertThat(node.app().connections().stats().connections()).isEqualTo(1));
        request(ada, Map.of("type", "publish", "id", "p", "room", "lobby", "data", "through nginx"));
        assertThat(bob.awaitMessage("message", WAIT).get("data").asText()).isEqualTo("through nginx");
        assertThat(nginx.config()).contains("proxy_set_header Upgrade $http_upgrade;", "proxy_read_timeout 60s;");
    }

    /** nginx with the lesson's nginx.conf, in front of two servers. */
    static LocalNginx startLessonNginx(List<ClusterServer> nodes) {
        return LocalNginx.startWith(port -> lessonConfig()
                .replace("server 127.0.0.1:8080;", "server 127.0.0.1:" + nodes.get(0).uri("http", "").getPort() + ";")
                .replace("server 127.0.0.1:8081;", "server 127.0.0.1:" + nodes.get(1).uri("http", "").getPort() + ";")
                .replace("listen 127.0.0.1:8000;", "listen 127.0.0.1:" + port + ";"));
    }

    /** The region of the lesson's nginx.conf that the README shows. */
    private static String lessonConfig() {
        try (InputStream in = NginxTest.class.getResourceAsStream("/lesson06/nginx.conf")) {
            String file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return file.substring(file.indexOf("# tag::nginx[]"), file.indexOf("# end::nginx[]"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WsTestClient join(LocalNginx nginx, String user) {
        WsTestClient client = cluster.closeLater(WsTestClient.connect(nginx.uri("ws", "/ws"),
                Map.of("Authorization", "Bearer " + cluster.issuer().issue(user, Set.of(), Set.of()))));
        client.awaitMessage("connected", WAIT);
        request(client, Map.of("type", "join", "id", "j", "room", "lobby"));
        return client;
    }
}
