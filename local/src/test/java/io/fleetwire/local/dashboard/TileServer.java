package io.fleetwire.local.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** A map tile server on loopback that answers every {@code /tiles/...} request with the same pale tile, and counts them. */
final class TileServer implements AutoCloseable {

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final byte[] tile = paleTile();

  private TileServer(HttpServer server) {
    this.server = server;
  }

  static TileServer start() {
    try {
      TileServer tiles = new TileServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
      tiles.server.createContext("/tiles/", tiles::serve);
      tiles.server.start();
      return tiles;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the tile server", e);
    }
  }

  /** The URL template the page takes as {@code ?tiles=}. */
  String template() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/tiles/{z}/{x}/{y}.png";
  }

  int requests() {
    return requests.get();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      exchange.getResponseHeaders().set("Content-Type", "image/png");
      exchange.sendResponseHeaders(200, tile.length);
      exchange.getResponseBody().write(tile);
    }
  }

  private static byte[] paleTile() {
    BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    graphics.setColor(new Color(0xF2EFE9));
    graphics.fillRect(0, 0, 256, 256);
    graphics.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw a tile", e);
    }
    return png.toByteArray();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
