package io.cpra.plugin.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One code to deliver: a monitor changed colour. The platform renders the texts from the
 * colour's template before handing the alert to a {@link Notifier}. Immutable and thread-safe.
 *
 * <p>Made by the platform with {@link #builder()}; plugins read it through its accessors, and
 * their tests build one the same way. New attributes arrive as new accessors and builder
 * setters with a default, so plugins built against an older API keep working.
 */
public final class Alert {

    private final String id;
    private final String monitor;
    private final Colour colour;
    private final String title;
    private final String summary;
    private final String action;
    private final String incidentId;
    private final Instant occurredAt;
    private final String lastMessage;
    private final List<String> groups;

    private Alert(Builder builder) {
        this.id = Objects.requireNonNull(builder.id, "id");
        this.monitor = Objects.requireNonNull(builder.monitor, "monitor");
        this.colour = Objects.requireNonNull(builder.colour, "colour");
        this.title = builder.title;
        this.summary = builder.summary;
        this.action = builder.action;
        this.incidentId = builder.incidentId;
        this.occurredAt = Objects.requireNonNull(builder.occurredAt, "occurredAt");
        this.lastMessage = builder.lastMessage;
        this.groups = builder.groups;
    }

    /**
     * A builder; {@code id}, {@code monitor}, {@code colour} and {@code occurredAt} must be
     * set, the texts default to empty strings and the groups to none.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this alert's values, to make a changed copy.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        return new Builder().id(id).monitor(monitor).colour(colour).title(title).summary(summary)
                .action(action).incidentId(incidentId).occurredAt(occurredAt).lastMessage(lastMessage)
                .groups(groups);
    }

    /**
     * Unique id of this code; the same on every redelivery, so receivers can de-duplicate.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * The monitor's name.
     *
     * @return the name as written in the manifest
     */
    public String monitor() {
        return monitor;
    }

    /**
     * The code's colour.
     *
     * @return the colour
     */
    public Colour colour() {
        return colour;
    }

    /**
     * A headline.
     *
     * @return such as {@code "[CRITICAL] checkout-api"}
     */
    public String title() {
        return title;
    }

    /**
     * What happened, in a sentence or two.
     *
     * @return the summary
     */
    public String summary() {
        return summary;
    }

    /**
     * What the reader is advised to do.
     *
     * @return the advice, or an empty string
     */
    public String action() {
        return action;
    }

    /**
     * The incident this code belongs to; PagerDuty's {@code dedup_key}.
     *
     * @return the incident's id, or an empty string
     */
    public String incidentId() {
        return incidentId;
    }

    /**
     * When the monitor changed colour.
     *
     * @return the instant
     */
    public Instant occurredAt() {
        return occurredAt;
    }

    /**
     * The message of the latest pulse outcome.
     *
     * @return the message, or an empty string
     */
    public String lastMessage() {
        return lastMessage;
    }

    /**
     * The monitor's groups.
     *
     * @return the groups, possibly empty
     */
    public List<String> groups() {
        return groups;
    }

    /**
     * The colour's status word.
     *
     * @return {@code colour().status()}
     */
    public String status() {
        return colour.status();
    }

    /**
     * The colour's severity.
     *
     * @return {@code colour().severity()}
     */
    public String severity() {
        return colour.severity();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Alert that
                && id.equals(that.id) && monitor.equals(that.monitor) && colour == that.colour
                && title.equals(that.title) && summary.equals(that.summary) && action.equals(that.action)
                && incidentId.equals(that.incidentId) && occurredAt.equals(that.occurredAt)
                && lastMessage.equals(that.lastMessage) && groups.equals(that.groups);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, monitor, colour, title, summary, action, incidentId, occurredAt, lastMessage, groups);
    }

    @Override
    public String toString() {
        return "Alert[" + id + " " + colour.key() + " " + monitor + " at " + occurredAt + "]";
    }

    /** Collects an alert's values; not thread-safe, used by one thread at a time. */
    public static final class Builder {
        private String id;
        private String monitor;
        private Colour colour;
        private String title = "";
        private String summary = "";
        private String action = "";
        private String incidentId = "";
        private Instant occurredAt;
        private String lastMessage = "";
        private List<String> groups = List.of();

        private Builder() {
        }

        /**
         * The code's unique id.
         *
         * @param id the same on every redelivery
         * @return this builder
         */
        public Builder id(String id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * The monitor's name.
         *
         * @param monitor the name
         * @return this builder
         */
        public Builder monitor(String monitor) {
            this.monitor = Objects.requireNonNull(monitor, "monitor");
            return this;
        }

        /**
         * The code's colour.
         *
         * @param colour the colour
         * @return this builder
         */
        public Builder colour(Colour colour) {
            this.colour = Objects.requireNonNull(colour, "colour");
            return this;
        }

        /**
         * A headline.
         *
         * @param title such as {@code "[CRITICAL] checkout-api"}
         * @return this builder
         */
        public Builder title(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /**
         * What happened.
         *
         * @param summary a sentence or two
         * @return this builder
         */
        public Builder summary(String summary) {
            this.summary = Objects.requireNonNull(summary, "summary");
            return this;
        }

        /**
         * What the reader is advised to do.
         *
         * @param action the advice, or an empty string
         * @return this builder
         */
        public Builder action(String action) {
            this.action = Objects.requireNonNull(action, "action");
            return this;
        }

        /**
         * The incident this code belongs to.
         *
         * @param incidentId the incident's id, or an empty string
         * @return this builder
         */
        public Builder incidentId(String incidentId) {
            this.incidentId = Objects.requireNonNull(incidentId, "incidentId");
            return this;
        }

        /**
         * When the monitor changed colour.
         *
         * @param occurredAt the instant
         * @return this builder
         */
        public Builder occurredAt(Instant occurredAt) {
            this.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt");
            return this;
        }

        /**
         * The message of the latest pulse outcome.
         *
         * @param lastMessage the message, or an empty string
         * @return this builder
         */
        public Builder lastMessage(String lastMessage) {
            this.lastMessage = Objects.requireNonNull(lastMessage, "lastMessage");
            return this;
        }

        /**
         * The monitor's groups.
         *
         * @param groups the groups; copied
         * @return this builder
         */
        public Builder groups(List<String> groups) {
            this.groups = List.copyOf(groups);
            return this;
        }

        /**
         * Makes the alert.
         *
         * @return the alert
         * @throws NullPointerException when {@code id}, {@code monitor}, {@code colour} or
         *                              {@code occurredAt} was not set
         */
        public Alert build() {
            return new Alert(this);
        }
    }
}
