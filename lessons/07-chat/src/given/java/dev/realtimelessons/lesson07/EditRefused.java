package dev.realtimelessons.lesson07;

import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.ProtocolError;

/**
 * Why an {@code edit} or a {@code delete} changed nothing. The transaction was rolled back.
 */
public final class EditRefused extends Exception {

    private static final long serialVersionUID = 1L;

    /** The reasons, each with the protocol's error code. */
    public enum Reason {
        /** No such message in the room. */
        NOT_FOUND(ErrorCode.NOT_FOUND),
        /** Another user wrote it: only its author may change it. */
        NOT_AUTHOR(ErrorCode.NOT_AUTHORIZED),
        /** It was deleted: a tombstone cannot be edited. */
        DELETED(ErrorCode.MESSAGE_DELETED),
        /** It changed since the version the client edited. */
        VERSION_CONFLICT(ErrorCode.VERSION_CONFLICT);

        private final ErrorCode code;

        Reason(ErrorCode code) {
            this.code = code;
        }
    }

    private final Reason reason;

    /**
     * @param reason  why
     * @param message a sentence for the client
     */
    public EditRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** @return why */
    public Reason reason() {
        return reason;
    }

    /** @return the refusal as the protocol answers it */
    public ProtocolError toProtocolError() {
        return new ProtocolError(reason.code, getMessage());
    }
}
