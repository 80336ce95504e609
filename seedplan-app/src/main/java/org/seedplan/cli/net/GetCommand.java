package org.seedplan.cli.net;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seedplan.dicom.net.AeAddress;
import org.seedplan.dicom.net.GetScu;
import org.seedplan.dicom.net.ReceivedObjectStore;
import org.seedplan.dicom.net.Timeouts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seedplan dicom get}: C-GET of a study into a folder, on one association. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Retrieve a study (Study Root C-GET): the peer sends it"
        + " back on the same association, so it need not know our host and port. Objects are kept under"
        + " DIR/STUDY_UID/SERIES_UID/SOP_UID.dcm as received.")
public final class GetCommand implements Callable<Integer> {

    @Option(names = "--to", required = true, paramLabel = "AET@HOST:PORT", description = "the peer, e.g. PACS@10.0.0.5:104")
    String to;

    @Option(names = "--ae-title", defaultValue = "SEEDPLAN", description = "our AE title (default ${DEFAULT-VALUE})")
    String aeTitle;

    @Option(names = "--study", required = true, paramLabel = "UID", description = "Study Instance UID to retrieve")
    String study;

    @Option(names = "--store", required = true, paramLabel = "DIR", description = "folder to keep the study in")
    Path store;

    @Override
    public Integer call() throws IOException {
        AeAddress peer = AeAddress.parse(to);
        GetScu.Result r = GetScu.getStudy(peer, aeTitle, study, new ReceivedObjectStore(store), Timeouts.DEFAULT);
        System.out.println("retrieved study " + study + " from " + peer + ": " + r.kept().size() + " object(s) kept under " + store
                + (r.failed() > 0 ? ", " + r.failed() + " failed" : ""));
        return r.failed() > 0 ? 1 : 0;
    }
}
