package org.tokenfab.sim;

/**
 * An error meant for the user: its message says what is wrong, where (file, YAML path, component)
 * and what is allowed. The CLI prints the message alone, never a stack trace, so the message must
 * stand on its own.
 *
 * <p>Programming errors (broken invariants) stay ordinary unchecked exceptions; this type is only
 * for problems the user can fix in their input.
 */
public class TokenFabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TokenFabException(String message) {
        super(message);
    }

    public TokenFabException(String message, Throwable cause) {
        super(message, cause);
    }
}
