package io.cpra.plugins.email;

import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.Notifier;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One prepared {@code email} block, shared by monitors with equal blocks. Each delivery opens
 * a connection, sends one message to every recipient and closes: codes are rare enough that a
 * pooled connection would mostly sit idle and time out. Immutable apart from the registry's
 * reference count; safe for concurrent calls.
 *
 * <p>Outcomes: accepted by the server (for at least one recipient) is delivered; SMTP 4xx
 * replies, refused or timed-out connections and other I/O trouble are worth another attempt;
 * failed authentication, SMTP 5xx replies, rejected addresses and a server that cannot
 * STARTTLS are permanent.
 */
final class EmailNotifier implements Notifier {

    /**
     * A prepared block.
     *
     * @param smtp    how to reach the server
     * @param from    the sender
     * @param to      the recipients
     * @param subject the subject template
     */
    record Settings(SmtpSettings smtp, String from, List<String> to, MailText.Subject subject) {
    }

    private final Settings settings;
    private final Session session;
    private final EmailPlugin owner;

    EmailNotifier(Settings settings, Session session, EmailPlugin owner) {
        this.settings = settings;
        this.session = session;
        this.owner = owner;
    }

    @Override
    public DeliveryOutcome deliver(Alert alert, Deadline deadline) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (deadline.expired()) {
            return DeliveryOutcome.retry("deadline passed before connecting to " + settings.smtp().address());
        }
        SmtpSettings smtp = settings.smtp();
        try {
            MimeMessage message = MailText.message(session, alert, settings);
            withPluginLoader(() -> {
                try (Transport transport = session.getTransport(smtp.protocol())) {
                    transport.connect(smtp.host(), smtp.port(), smtp.user().isEmpty() ? null : smtp.user(),
                            smtp.password().isEmpty() ? null : smtp.password());
                    transport.sendMessage(message, message.getAllRecipients());
                    return null;
                } catch (MessagingException e) {
                    throw new Failed(e);
                }
            });
            return DeliveryOutcome.delivered("sent to " + String.join(", ", settings.to()) + " via " + smtp.address());
        } catch (MessagingException e) {
            return classify(e, smtp);
        } catch (Failed failed) {
            if (Thread.interrupted()) {
                InterruptedException interrupted = new InterruptedException("interrupted while sending via " + smtp.address());
                interrupted.initCause(failed.getCause());
                throw interrupted;
            }
            return classify((MessagingException) failed.getCause(), smtp);
        }
    }

    /**
     * What a failed send means.
     *
     * @param failure what Jakarta Mail threw
     * @param smtp    the server, for the message
     * @return the outcome
     */
    static DeliveryOutcome classify(MessagingException failure, SmtpSettings smtp) {
        String message = describe(failure) + " (" + smtp.address() + ")";
        if (failure instanceof AuthenticationFailedException) {
            return DeliveryOutcome.reject("authentication failed: " + message);
        }
        if (failure instanceof SendFailedException sendFailed && !empty(sendFailed.getValidSentAddresses())) {
            return DeliveryOutcome.delivered("sent to " + join(sendFailed.getValidSentAddresses())
                    + "; refused " + join(sendFailed.getInvalidAddresses()) + join(sendFailed.getValidUnsentAddresses()));
        }
        int code = replyCode(failure);
        if (code >= 400 && code < 500) {
            return DeliveryOutcome.retry(message);
        }
        if (code >= 500 || failure instanceof SendFailedException) {
            return DeliveryOutcome.reject(message);
        }
        if (describe(failure).toUpperCase(Locale.ROOT).contains("STARTTLS")) {
            return DeliveryOutcome.reject(message);
        }
        return DeliveryOutcome.retry(message);
    }

    private static int replyCode(MessagingException failure) {
        for (Exception next = failure; next != null; next = next instanceof MessagingException m ? m.getNextException() : null) {
            if (next instanceof SMTPAddressFailedException address) {
                return address.getReturnCode();
            }
            if (next instanceof SMTPSendFailedException send) {
                return send.getReturnCode();
            }
        }
        return -1;
    }

    /** The failure and its causes on one line, such as {@code Couldn't connect to host: Connection refused}. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null && text.length() < 400; cause = cause.getCause()) {
            String part = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().strip();
            if (!text.toString().contains(part)) {
                text.append(text.isEmpty() ? "" : ": ").append(part);
            }
        }
        return text.toString().replaceAll("\\s+", " ");
    }

    private static boolean empty(Address[] addresses) {
        return addresses == null || addresses.length == 0;
    }

    private static String join(Address[] addresses) {
        return empty(addresses) ? "" : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
    }

    /**
     * Runs an action with this plugin's class loader as the context loader. Jakarta Mail finds
     * its providers and stream encoders through the context loader; inside the plugin's own
     * layer that has to be the layer's loader, not the platform's.
     */
    static <T> T withPluginLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(EmailNotifier.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public String destination() {
        return settings.smtp().address();
    }

    @Override
    public void close() {
        owner.release(settings);
    }

    /** Called once the last monitor using this notifier is gone. */
    void releaseSession() {
        owner.releaseSession(settings.smtp());
    }

    @Override
    public String toString() {
        return "email to " + settings.to() + " via " + destination();
    }

    /** Carries a checked failure out of {@link #withPluginLoader}. */
    private static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(MessagingException cause) {
            super(cause);
        }
    }
}
