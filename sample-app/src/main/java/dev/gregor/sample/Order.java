package dev.gregor.sample;

/**
 * An order event, sent as JSON.
 *
 * @param id       the order id
 * @param customer the customer, also the record key (so one customer's orders stay in order)
 * @param amount   the amount in cents; negative amounts are refused by billing
 */
public record Order(String id, String customer, long amount) {
}
