package org.seedplan.dicom.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.seedplan.dicom.io.DicomFile;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;

/**
 * C-STORE service class user (PS3.4 Annex B): sends DICOM files, or every DICOM file under a folder, to
 * a peer. Each file's data set is sent unchanged in the transfer syntax it is stored in when the peer accepts
 * it; one presentation context is proposed per SOP class and transfer syntax, plus one per SOP class offering
 * the native syntaxes (Explicit VR Little Endian, Implicit VR Little Endian, Explicit VR Big Endian), into which
 * a file is converted, pixel data decompressed, when the peer accepts none of its own. An association carries at
 * most 128 contexts (more open further associations).
 */
public final class StoreScu {

    /** What became of one file: sent (status 0000 or a warning Bxxx), refused, or skipped (not a DICOM object). */
    public record Outcome(Path file, String sopInstanceUid, int status, String problem) {

        /** True when the peer stored it (success or warning status). */
        public boolean stored() {
            return problem == null && (status == Command.SUCCESS || (status & 0xF000) == 0xB000);
        }
    }

    private record Item(Path file, String sopClass, String sopInstance, String transferSyntax) {
    }

    /** The syntaxes offered for conversion, in order of preference (the peer chooses one). */
    static final List<String> NATIVE = List.of(Uids.EXPLICIT_VR_LITTLE_ENDIAN, Uids.IMPLICIT_VR_LITTLE_ENDIAN,
            Uids.EXPLICIT_VR_BIG_ENDIAN);
    private static final String CONVERTED = "|native";

    private StoreScu() {
    }

    /**
     * Sends the files (folders are searched recursively; non-DICOM files in them are skipped).
     * A path that does not exist, or a named file that is not DICOM, throws {@link IllegalArgumentException}
     * before anything is sent.
     */
    public static List<Outcome> send(AeAddress peer, String callingAe, List<Path> paths, Timeouts timeouts) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        List<Item> items = collect(paths, outcomes);
        int from = 0;
        while (from < items.size()) {
            Map<String, PresentationContext> contexts = new LinkedHashMap<>();
            int to = from;
            while (to < items.size()) {
                Item it = items.get(to);
                String key = it.sopClass() + "|" + it.transferSyntax();
                String fallback = it.sopClass() + CONVERTED;
                int needed = (contexts.containsKey(key) ? 0 : 1) + (contexts.containsKey(fallback) ? 0 : 1);
                if (contexts.size() + needed > 128) {
                    break;
                }
                if (!contexts.containsKey(key)) {
                    contexts.put(key, PresentationContext.proposed(2 * contexts.size() + 1, it.sopClass(),
                            List.of(it.transferSyntax())));
                }
                if (!contexts.containsKey(fallback)) {
                    contexts.put(fallback, PresentationContext.proposed(2 * contexts.size() + 1, it.sopClass(), NATIVE));
                }
                to++;
            }
            sendBatch(peer, callingAe, items.subList(from, to), new ArrayList<>(contexts.values()), timeouts, outcomes);
            from = to;
        }
        return outcomes;
    }

    private static void sendBatch(AeAddress peer, String callingAe, List<Item> batch, List<PresentationContext> proposed,
                                  Timeouts timeouts, List<Outcome> outcomes) throws IOException {
        Association a = Association.connect(peer, callingAe, proposed, timeouts);
        try {
            int messageId = 0;
            for (Item it : batch) {
                PresentationContext pc = a.context(it.sopClass(), it.transferSyntax()).orElse(null);
                byte[] bytes = read(it.file());
                int offset;
                if (pc == null) {
                    pc = NATIVE.stream().map(ts -> a.context(it.sopClass(), ts).orElse(null)).filter(c -> c != null).findFirst().orElse(null);
                    if (pc == null) {
                        outcomes.add(new Outcome(it.file(), it.sopInstance(), -1, peer + " does not accept SOP class "
                                + it.sopClass() + " in transfer syntax " + it.transferSyntax() + " nor in any native syntax"));
                        continue;
                    }
                    try {
                        bytes = NativeConversion.dataSet(DicomReader.parse(bytes, it.file().toString()), pc.transferSyntax(),
                                it.file().toString());
                    } catch (IllegalArgumentException e) {
                        outcomes.add(new Outcome(it.file(), it.sopInstance(), -1, "not sent: " + e.getMessage()));
                        continue;
                    }
                    offset = 0;
                } else {
                    offset = Part10.dataSetOffset(bytes, it.file().toString());
                }
                messageId = messageId % 0xFFFF + 1;
                a.send(pc, Command.of(Command.C_STORE_RQ)
                        .putUid(Command.AFFECTED_SOP_CLASS_UID, it.sopClass())
                        .putUs(Command.MESSAGE_ID, messageId)
                        .putUs(Command.PRIORITY, 0)
                        .putUid(Command.AFFECTED_SOP_INSTANCE_UID, it.sopInstance()), bytes, offset, bytes.length - offset);
                DimseMessage rsp = a.receive();
                if (rsp == null || rsp.command().commandField() != Command.C_STORE_RSP
                        || rsp.command().us(Command.MESSAGE_ID_BEING_RESPONDED_TO) != messageId) {
                    throw new AssociationAbortedException(peer + " did not answer C-STORE-RQ for " + it.file()
                            + " with its C-STORE-RSP");
                }
                int status = rsp.command().us(Command.STATUS);
                String problem = status == Command.SUCCESS || (status & 0xF000) == 0xB000 ? null
                        : String.format(Locale.ROOT, "%s refused it with status 0x%04X%s", peer, status,
                        rsp.command().string(Command.ERROR_COMMENT) == null ? "" : " (" + rsp.command().string(Command.ERROR_COMMENT) + ")");
                outcomes.add(new Outcome(it.file(), it.sopInstance(), status, problem));
            }
            a.release();
        } finally {
            a.close();
        }
    }

    private static List<Item> collect(List<Path> paths, List<Outcome> skipped) {
        List<Item> items = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(p)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                } catch (IOException e) {
                    throw new UncheckedIOException(p + ": cannot list the folder (" + e.getMessage() + ")", e);
                }
                for (Path f : files) {
                    try {
                        items.add(item(f));
                    } catch (IllegalArgumentException notDicom) {
                        skipped.add(new Outcome(f, null, -1, "skipped: " + notDicom.getMessage()));
                    }
                }
            } else if (Files.isRegularFile(p)) {
                items.add(item(p));
            } else {
                throw new IllegalArgumentException(p + ": file not found: check the path");
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException(paths + ": no DICOM objects to send: give files or folders holding DICOM objects");
        }
        return items;
    }

    private static Item item(Path f) {
        DicomFile d = DicomReader.read(f);
        String cls = d.dataSet().string(Tag.SOP_CLASS_UID).orElse(null);
        String inst = d.dataSet().string(Tag.SOP_INSTANCE_UID).orElse(null);
        if (cls == null || inst == null) {
            throw new IllegalArgumentException(f + ": has no SOP Class UID or SOP Instance UID: not a storable DICOM object");
        }
        return new Item(f, cls, inst, d.transferSyntaxUid());
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(f + ": file not found (removed while sending): check the path");
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
