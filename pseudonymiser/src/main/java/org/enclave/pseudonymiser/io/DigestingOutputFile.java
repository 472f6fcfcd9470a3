package org.enclave.pseudonymiser.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A local {@link OutputFile} that computes the file's SHA-256 while Parquet writes it (Parquet writes
 * sequentially), so the manifest's checksums cost no second pass, and forces the data to disk on close.
 */
public final class DigestingOutputFile implements OutputFile {
    private final Path path;
    private final MessageDigest sha256;
    private long size = -1;

    public DigestingOutputFile(Path path) {
        this.path = path;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
        return new PositionOutputStream() {
            private long pos;

            @Override
            public long getPos() {
                return pos;
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                sha256.update((byte) b);
                pos++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                sha256.update(b, off, len);
                pos += len;
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.flush();
                ch.force(true);
                out.close();
                size = pos;
            }
        };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return path.toString();
    }

    /** Hex SHA-256 of everything written; valid after the writer is closed. */
    public String sha256Hex() {
        return java.util.HexFormat.of().formatHex(sha256.digest());
    }

    /** Bytes written; valid after close. */
    public long size() {
        return size;
    }
}
