package org.seedplan.cli.net;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.seedplan.dicom.net.AeAddress;
import org.seedplan.dicom.net.DicomNode;
import org.seedplan.dicom.net.MoveScu;
import org.seedplan.dicom.net.NodeConfig;
import org.seedplan.dicom.net.Timeouts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seedplan dicom move}: C-MOVE of a study, into a temporary node of ours or to another AE. */
@Command(name = "move", mixinStandardHelpOptions = true, description = "Ask a peer to send a study (Study Root C-MOVE)."
        + " With --store, seedplan listens on --port as --ae-title for the duration and keeps the objects under DIR; the peer"
        + " must know that AE title, host and port.")
public final class MoveCommand implements Callable<Integer> {

    @Option(names = "--to", required = true, paramLabel = "AET@HOST:PORT", description = "the peer, e.g. PACS@10.0.0.5:104")
    String to;

    @Option(names = "--ae-title", defaultValue = "SEEDPLAN", description = "our AE title (default ${DEFAULT-VALUE})")
    String aeTitle;

    @Option(names = "--study", required = true, paramLabel = "UID", description = "Study Instance UID to move")
    String study;

    @Option(names = "--dest", paramLabel = "AET", description = "destination AE title (default: our AE title)")
    String dest;

    @Option(names = "--store", paramLabel = "DIR", description = "receive the study here (needed when the destination is us)")
    Path store;

    @Option(names = "--port", defaultValue = "11112", description = "port to receive on with --store (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "address to receive on with --store (default ${DEFAULT-VALUE})")
    String bind;

    @Override
    public Integer call() throws IOException {
        AeAddress peer = AeAddress.parse(to);
        String destination = dest == null ? aeTitle : dest;
        boolean toUs = destination.trim().equals(aeTitle.trim());
        if (toUs && store == null) {
            throw new IllegalArgumentException("--store: the destination is our own AE title " + aeTitle
                    + ": give the folder to receive the study in, or --dest another AE title");
        }
        if (!toUs && store != null) {
            throw new IllegalArgumentException("--store " + store + ": the study goes to " + destination
                    + ", not to us: drop --store or --dest");
        }
        MoveScu.Result r;
        if (toUs) {
            try (DicomNode node = DicomNode.start(NodeConfig.of(aeTitle, bind, port, store, Set.of(peer.aeTitle())))) {
                r = MoveScu.moveStudy(peer, aeTitle, study, destination, Timeouts.DEFAULT);
            }
        } else {
            r = MoveScu.moveStudy(peer, aeTitle, study, destination, Timeouts.DEFAULT);
        }
        System.out.println("moved study " + study + " to " + destination + ": " + r.completed() + " instance(s) sent"
                + (r.failed() > 0 ? ", " + r.failed() + " failed" : "") + (r.warning() > 0 ? ", " + r.warning() + " with warnings" : "")
                + (toUs ? ", kept under " + store : ""));
        return r.failed() > 0 ? 1 : 0;
    }
}
