package org.seedplan.server.imaging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * Browser volumes prepared on disk, one file per series under {@code <data>/ct-prepared/}, so that opening a series
 * the server has not held in memory reads one file instead of decoding every DICOM slice. Each file names the
 * fingerprint of the instances it was made from ({@link SeriesFingerprint}); a file of another fingerprint is stale
 * and not used. Files are written to a temporary file, forced and renamed atomically; the folder is kept under a byte
 * budget by removing the least recently used files (a read touches its file).
 */
public final class PreparedVolumes {

    /** Folder of the prepared files inside the data folder. */
    public static final String FOLDER = "ct-prepared";
    /** Default disk budget: ten 200-slice 512 × 512 studies (about 1 GB). */
    public static final long DEFAULT_BUDGET_BYTES = 10L * 200 * 512 * 512 * 2;
    private static final int MAGIC = 0x53504356; // "SPCV"
    /** 2: the slice thickness after the grid (files of format 1 lack it: stale, prepared again from the DICOM). */
    private static final int FORMAT = 2;
    private static final String SUFFIX = ".ctv";

    private final Path folder;
    private final long budgetBytes;

    public PreparedVolumes(Path dataFolder, long budgetBytes) {
        this.folder = dataFolder.resolve(FOLDER);
        this.budgetBytes = budgetBytes;
    }

    /** The disk budget in bytes. */
    public long budgetBytes() {
        return budgetBytes;
    }

    /** The size in bytes of the prepared file of {@code seriesUid}, 0 when there is none. */
    public long sizeOf(String seriesUid) {
        try {
            return Files.size(fileOf(seriesUid));
        } catch (IOException e) {
            return 0;
        }
    }

    /** The prepared file of {@code seriesUid} (whether or not it exists). */
    Path fileOf(String seriesUid) {
        return folder.resolve(seriesUid + SUFFIX);
    }

    /** Whether a file made from exactly the instances of {@code fingerprint} is there. */
    public boolean isCurrent(String seriesUid, String fingerprint) {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(fileOf(seriesUid)))) {
            in.readInt(); // header length
            return in.readInt() == MAGIC && in.readInt() == FORMAT && in.readUTF().equals(fingerprint);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The volume of {@code seriesUid} for patient {@code patientDbId} when its file was made from the instances of
     * {@code fingerprint}; empty when there is no file or it is stale or unreadable (then the caller reads the DICOM).
     */
    public Optional<BrowserVolume> read(String seriesUid, String fingerprint, long patientDbId) {
        Path file = fileOf(seriesUid);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer lenBuf = ByteBuffer.allocate(4);
            readFully(ch, lenBuf);
            int headerBytes = lenBuf.flip().getInt();
            ByteBuffer headerBuf = ByteBuffer.allocate(headerBytes);
            readFully(ch, headerBuf);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(headerBuf.array()));
            if (in.readInt() != MAGIC || in.readInt() != FORMAT || !in.readUTF().equals(fingerprint)) {
                return Optional.empty();
            }
            String series = in.readUTF();
            String study = in.readUTF();
            String frame = in.readUTF();
            frame = frame.isEmpty() ? null : frame;
            Grid grid = new Grid(new Vec3(in.readDouble(), in.readDouble(), in.readDouble()), in.readDouble(), in.readDouble(),
                    in.readDouble(), in.readInt(), in.readInt(), in.readInt());
            double sliceThicknessMm = in.readDouble();
            List<String> sops = new ArrayList<>(grid.nz());
            for (int k = 0; k < grid.nz(); k++) {
                sops.add(in.readUTF());
            }
            long voxelBytes = 2L * grid.voxelCount();
            if (ch.size() - ch.position() != voxelBytes) {
                return Optional.empty();
            }
            short[] hu = new short[grid.voxelCount()];
            ch.map(FileChannel.MapMode.READ_ONLY, ch.position(), voxelBytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(hu);
            touch(file);
            return Optional.of(new BrowserVolume(series, study, frame, patientDbId, grid, hu, sops, sliceThicknessMm));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // a truncated or foreign file: not used; the next preparation replaces it
            return Optional.empty();
        }
    }

    /** Writes the prepared file of {@code v} made from the instances of {@code fingerprint}, then keeps the budget. */
    public void write(BrowserVolume v, String fingerprint) {
        Grid g = v.grid();
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(header)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(fingerprint);
            out.writeUTF(v.seriesInstanceUid());
            out.writeUTF(v.studyInstanceUid());
            out.writeUTF(v.frameOfReferenceUid() == null ? "" : v.frameOfReferenceUid());
            out.writeDouble(g.originMm().x());
            out.writeDouble(g.originMm().y());
            out.writeDouble(g.originMm().z());
            out.writeDouble(g.dxMm());
            out.writeDouble(g.dyMm());
            out.writeDouble(g.dzMm());
            out.writeInt(g.nx());
            out.writeInt(g.ny());
            out.writeInt(g.nz());
            out.writeDouble(v.sliceThicknessMm());
            for (String sop : v.sliceSopInstanceUids()) {
                out.writeUTF(sop);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = fileOf(v.seriesInstanceUid());
        Path tmp = null;
        try {
            Files.createDirectories(folder);
            tmp = Files.createTempFile(folder, "." + v.seriesInstanceUid() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                byte[] h = header.toByteArray();
                writeFully(ch, ByteBuffer.allocate(4 + h.length).putInt(h.length).put(h).flip());
                ByteBuffer voxels = ByteBuffer.allocateDirect(Math.min(1 << 20, 2 * g.nx() * g.ny()) & ~1).order(ByteOrder.LITTLE_ENDIAN);
                short[] hu = v.hu();
                for (int n = 0; n < hu.length; ) {
                    voxels.clear();
                    while (n < hu.length && voxels.remaining() >= 2) {
                        voxels.putShort(hu[n++]);
                    }
                    writeFully(ch, voxels.flip());
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the prepared volume " + file + " (" + e.getMessage()
                    + "): check free space and permissions of the data folder", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a left-over temporary file is removed by the next budget sweep
                }
            }
        }
        keepBudget(file);
    }

    /** Removes the least recently used prepared files (and stale temporary files) until the folder fits the budget. */
    private void keepBudget(Path keep) {
        record Entry(Path path, long bytes, FileTime used) {
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.toList()) {
                try {
                    String n = p.getFileName().toString();
                    FileTime used = Files.getLastModifiedTime(p);
                    if (n.endsWith(".tmp")) {
                        if (used.toInstant().isBefore(Instant.now().minusSeconds(3600))) {
                            Files.deleteIfExists(p);
                        }
                    } else if (n.endsWith(SUFFIX)) {
                        entries.add(new Entry(p, Files.size(p), used));
                    }
                } catch (NoSuchFileException gone) {
                    // removed meanwhile
                }
            }
            entries.sort(Comparator.comparing(Entry::used).reversed());
            long total = 0;
            for (Entry e : entries) {
                total += e.bytes();
                if (total > budgetBytes && !e.path().equals(keep)) {
                    Files.deleteIfExists(e.path());
                    total -= e.bytes();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the prepared volumes in " + folder + " (" + e.getMessage() + ")", e);
        }
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException ignored) {
            // the file's place in the budget order only
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException("prepared volume ends early");
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
