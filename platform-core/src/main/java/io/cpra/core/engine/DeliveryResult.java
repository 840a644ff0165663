package io.cpra.core.engine;

/** How a delivery job ended, for the deliveries-by-notifier meters. */
enum DeliveryResult {
    /** The notifier confirmed it. */
    DELIVERED,
    /** It failed and another attempt follows. */
    FAILED,
    /** It failed and it was the code's last chance. */
    DEAD_LETTERED
}
