package io.fleetwire.contract.fleet;

/**
 * The devices whose last position lies in one tile: how many, and their mean position (where a
 * cluster of them is drawn). Only tiles holding at least one device are answered.
 */
public record MapCell(String tile, long count, double lat, double lon) {
}
