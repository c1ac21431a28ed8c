package dev.caravan.connector.source.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Passes a stream through and keeps its first bytes, for an excerpt when the content turns out bad. */
final class HeadKeepingInputStream extends FilterInputStream {
    private final byte[] head;
    private int kept;

    HeadKeepingInputStream(InputStream in, int size) {
        super(in);
        head = new byte[size];
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0 && kept < head.length) {
            head[kept++] = (byte) b;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0 && kept < head.length) {
            int copy = Math.min(n, head.length - kept);
            System.arraycopy(buffer, offset, head, kept, copy);
            kept += copy;
        }
        return n;
    }

    byte[] head() {
        return Arrays.copyOf(head, kept);
    }
}
