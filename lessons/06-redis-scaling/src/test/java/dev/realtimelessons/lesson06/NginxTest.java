package dev.realtimelessons.lesson06;

import static dev.realtimelessons.lesson06.RunningCluster.WAIT;
import static dev.realtimelessons.lesson06.RunningCluster.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
    @DisplayName("two clients connected through nginx land on different servers and still talk to each other")
    void balancesAndStillTalks() {
        LocalNginx.requireInstalled();
        List<ClusterServer> nodes = cluster.start(2);
        LocalNginx nginx = cluster.closeLater(LocalNginx.start(
                nodes.stream().map(node -> node.uri("http", "")).toList(), Duration.ofSeconds(60)));

        WsTestClient ada = join(nginx, "ada");
        WsTestClient bob = join(nginx, "bob");

        assertThat(nodes).as("connections per server").allSatisfy(node ->
                assertThat(node.app().connections().stats().connections()).isEqualTo(1));
        request(ada, Map.of("type", "publish", "id", "p", "room", "lobby", "data", "through nginx"));
        assertThat(bob.awaitMessage("message", WAIT).get("data").asText()).isEqualTo("through nginx");
        assertThat(nginx.config()).contains("proxy_set_header Upgrade $http_upgrade;", "proxy_read_timeout 60s;");
    }

    private WsTestClient join(LocalNginx nginx, String user) {
        WsTestClient client = cluster.closeLater(WsTestClient.connect(nginx.uri("ws", "/ws"),
                Map.of("Authorization", "Bearer " + cluster.issuer().issue(user, Set.of(), Set.of()))));
        client.awaitMessage("connected", WAIT);
        request(client, Map.of("type", "join", "id", "j", "room", "lobby"));
        return client;
    }
}
