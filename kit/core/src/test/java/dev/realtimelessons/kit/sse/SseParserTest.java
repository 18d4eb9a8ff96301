package dev.realtimelessons.kit.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SseParser")
class SseParserTest {

    private final List<String> seen = new ArrayList<>();
    private final SseParser parser = new SseParser(new SseParser.Listener() {
        @Override
        public void onEvent(String id, String event, String data) {
            seen.add("event id=" + id + " name=" + event + " data=" + data);
        }

        @Override
        public void onComment(String text) {
            seen.add("comment " + text);
        }

        @Override
        public void onRetry(long millis) {
            seen.add("retry " + millis);
        }
    });

    private void feed(String stream) {
        stream.lines().forEach(parser::line);
    }

    @Test
    @DisplayName("dispatches an event at the blank line, joining data lines with newlines")
    void dispatchesEvents() {
        feed("id: 7\nevent: tick\ndata: a\ndata: b\n\n");

        assertThat(seen).containsExactly("event id=7 name=tick data=a\nb");
        assertThat(parser.lastEventId()).isEqualTo("7");
    }

    @Test
    @DisplayName("names an event 'message' when the stream gives no name, and keeps the last id for later events")
    void defaultsAndCarriesTheId() {
        feed("id: 1\ndata: x\n\ndata: y\n\n");

        assertThat(seen).containsExactly("event id=1 name=message data=x", "event id=1 name=message data=y");
    }

    @Test
    @DisplayName("reports comments and retry, ignores unknown fields, a bad retry and a block without data")
    void commentsRetryAndNoise() {
        feed(": heartbeat\nretry: 3000\nretry: soon\nfoo: bar\nevent: lonely\n\n");

        assertThat(seen).containsExactly("comment heartbeat", "retry 3000");
    }

    @Test
    @DisplayName("takes only one space after the colon away")
    void keepsFurtherSpaces() {
        feed("data:  two spaces\ndata:none\n\n");

        assertThat(seen).containsExactly("event id=null name=message data= two spaces\nnone");
    }
}
