package org.seedplan.cli.net;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.seedplan.dicom.net.AeAddress;
import org.seedplan.dicom.net.StoreScu;
import org.seedplan.dicom.net.Timeouts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seedplan dicom send}: C-STORE of files or folders to a peer. */
@Command(name = "send", mixinStandardHelpOptions = true, description = "Send DICOM files, or every DICOM file under"
        + " folders, to a peer with C-STORE, each in the transfer syntax it is stored in. Exit code 1 when the peer refused"
        + " any object.")
public final class SendCommand implements Callable<Integer> {

    @Option(names = "--to", required = true, paramLabel = "AET@HOST:PORT", description = "the peer, e.g. PACS@10.0.0.5:104")
    String to;

    @Option(names = "--ae-title", defaultValue = "SEEDPLAN", description = "our AE title (default ${DEFAULT-VALUE})")
    String aeTitle;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "DICOM files or folders (searched recursively)")
    List<Path> paths;

    @Override
    public Integer call() throws IOException {
        AeAddress peer = AeAddress.parse(to);
        List<StoreScu.Outcome> outcomes = StoreScu.send(peer, aeTitle, paths, Timeouts.DEFAULT);
        int sent = 0;
        int refused = 0;
        int skipped = 0;
        for (StoreScu.Outcome o : outcomes) {
            if (o.stored()) {
                sent++;
            } else if (o.sopInstanceUid() == null) {
                skipped++;
            } else {
                refused++;
                System.err.println("not stored: " + o.file() + ": " + o.problem());
            }
        }
        System.out.println("sent " + sent + " object(s) to " + peer + (refused > 0 ? ", " + refused + " refused" : "")
                + (skipped > 0 ? ", " + skipped + " non-DICOM file(s) skipped" : ""));
        return refused > 0 ? 1 : 0;
    }
}
