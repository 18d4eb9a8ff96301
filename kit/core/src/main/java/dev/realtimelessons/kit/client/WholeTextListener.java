package dev.realtimelessons.kit.client;

import java.net.http.WebSocket;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A listener for the JDK's {@link WebSocket} that hands on whole text messages: the JDK may deliver one message in
 * several {@code onText} calls (its fragments, or parts of one large frame), and this joins them before calling
 * {@code onMessage}. It asks for the next part after each one, so the socket never stalls on a forgotten
 * {@link WebSocket#request(long)}.
 *
 * <p>{@code onMessage} runs on the JDK's listener thread, one message at a time, in arrival order; it must not
 * block. Extend this class to handle closes and errors as well ({@code onText} itself is final).
 */
public class WholeTextListener implements WebSocket.Listener {

    private final Consumer<String> onMessage;
    private final StringBuilder partial = new StringBuilder(); // only the listener thread touches it

    /**
     * Creates a listener.
     *
     * @param onMessage called with each whole text message
     */
    public WholeTextListener(Consumer<String> onMessage) {
        this.onMessage = Objects.requireNonNull(onMessage, "onMessage");
    }

    @Override
    public final CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data); // a copy: the JDK may reuse data once this method returns
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            onMessage.accept(text);
        }
        webSocket.request(1);
        return null;
    }
}
