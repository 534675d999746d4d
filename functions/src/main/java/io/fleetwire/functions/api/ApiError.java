package io.fleetwire.functions.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The error body of every failed API call (DESIGN "HTTP API"): a short code and what was wrong. */
@JsonPropertyOrder({"error", "detail"})
public record ApiError(String error, String detail) {
}
