package dev.tgdl.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The content of every simulated file: a deterministic, random-access function of its unique id,
 * so a test can check every byte tgdl wrote without keeping any reference copy.
 */
public final class SimFiles {

    private SimFiles() {
    }

    /** Writes bytes {@code offset .. offset+len} of the file {@code uniqueId} into {@code buf}. */
    public static void fill(String uniqueId, long offset, byte[] buf, int off, int len) {
        long seed = seed(uniqueId);
        long word = offset >>> 3;
        long value = mix(seed + word * 0x9E3779B97F4A7C15L);
        int shift = (int) (offset & 7);
        for (int i = 0; i < len; i++) {
            if (shift == 8) {
                word++;
                value = mix(seed + word * 0x9E3779B97F4A7C15L);
                shift = 0;
            }
            buf[off + i] = (byte) (value >>> (shift << 3));
            shift++;
        }
    }

    /** Whether {@code file} has exactly the content of {@code uniqueId} with {@code size} bytes. */
    public static boolean matches(Path file, String uniqueId, long size) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) != size) {
            return false;
        }
        byte[] actual = new byte[64 * 1024];
        byte[] expected = new byte[actual.length];
        long offset = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.readNBytes(actual, 0, actual.length)) > 0) {
                fill(uniqueId, offset, expected, 0, n);
                if (!Arrays.equals(actual, 0, n, expected, 0, n)) {
                    return false;
                }
                offset += n;
            }
        }
        return offset == size;
    }

    private static long seed(String uniqueId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : uniqueId.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser: a fast, well-mixed function of one long. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
