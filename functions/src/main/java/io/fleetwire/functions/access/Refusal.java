package io.fleetwire.functions.access;

/** Why a request is refused before it reaches a route: the HTTP status, an error code and what was wrong. */
public record Refusal(int status, String error, String detail) {
}
