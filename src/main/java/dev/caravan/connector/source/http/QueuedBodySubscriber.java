package dev.caravan.connector.source.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A response body read as an {@link InputStream} while it arrives. Unlike the JDK's own
 * {@code BodyHandlers.ofInputStream()}, which asks for one buffer at a time and so wakes the
 * reader for every 16 KB, it takes buffers as fast as the network gives them: a page is bounded,
 * and the reader (the parser) keeps up.
 */
final class QueuedBodySubscriber implements HttpResponse.BodySubscriber<InputStream> {
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final BlockingQueue<ByteBuffer> buffers = new LinkedBlockingQueue<>();
    private final CompletableFuture<InputStream> body = CompletableFuture.completedFuture(new Body());
    private volatile Flow.Subscription subscription;
    private volatile Throwable failure;

    static HttpResponse.BodyHandler<InputStream> handler() {
        return info -> new QueuedBodySubscriber();
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        buffers.addAll(items);
    }

    @Override
    public void onError(Throwable throwable) {
        failure = throwable;
        buffers.add(END);
    }

    @Override
    public void onComplete() {
        buffers.add(END);
    }

    private final class Body extends InputStream {
        private ByteBuffer current = ByteBuffer.allocate(0);

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (!current.hasRemaining()) {
                if (current == END) {
                    if (failure != null) {
                        throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
                    }
                    return -1;
                }
                try {
                    current = buffers.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while reading the response", e);
                }
            }
            int n = Math.min(length, current.remaining());
            current.get(into, offset, n);
            return n;
        }

        @Override
        public void close() {
            Flow.Subscription s = subscription;
            if (s != null && current != END) {
                s.cancel();
            }
        }
    }
}
