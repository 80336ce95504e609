package org.seedplan.cli.net;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.seedplan.dicom.net.DicomNode;
import org.seedplan.dicom.net.NodeConfig;
import org.seedplan.dicom.net.SeriesCompletion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seedplan dicom listen}: run the storage node until stopped. */
@Command(name = "listen", mixinStandardHelpOptions = true, description = "Listen as a DICOM storage node: answer"
        + " C-ECHO and keep CT, RT Structure Set, RT Plan, RT Dose and Spatial Registration objects received by C-STORE"
        + " under DIR/STUDY_UID/SERIES_UID/SOP_UID.dcm, and announce each series once it is quiet. Runs until interrupted (Ctrl-C) or for --for seconds.")
public final class ListenCommand implements Callable<Integer> {

    @Option(names = "--ae-title", defaultValue = "SEEDPLAN", description = "our AE title; callers must call it (default ${DEFAULT-VALUE})")
    String aeTitle;

    @Option(names = "--port", defaultValue = "11112", description = "TCP port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "address to listen on (default ${DEFAULT-VALUE}: every"
            + " interface; 127.0.0.1 for this machine only)")
    String bind;

    @Option(names = "--store", required = true, paramLabel = "DIR", description = "folder received objects are kept in")
    Path store;

    @Option(names = "--allow", split = ",", paramLabel = "AET", description = "calling AE titles accepted, comma-separated"
            + " (default: any)")
    List<String> allow = new ArrayList<>();

    @Option(names = "--quiet-seconds", defaultValue = "10", description = "announce a series complete when none of its objects"
            + " has arrived for this long (default ${DEFAULT-VALUE})")
    int quietSeconds;

    @Option(names = "--for", paramLabel = "SECONDS", description = "stop after this many seconds (default: run until interrupted)")
    Integer seconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (seconds != null && seconds <= 0) {
            throw new IllegalArgumentException("--for " + seconds + ": give a positive number of seconds");
        }
        if (quietSeconds <= 0) {
            throw new IllegalArgumentException("--quiet-seconds " + quietSeconds + ": give a positive number of seconds");
        }
        NodeConfig config = NodeConfig.of(aeTitle, bind, port, store, Set.copyOf(allow));
        SeriesCompletion completion = new SeriesCompletion(Duration.ofSeconds(quietSeconds), s -> System.out.println(
                "series complete: " + s.objects() + " object(s) of series " + s.seriesInstanceUid() + " in " + s.folder()));
        try (DicomNode node = DicomNode.start(config, completion)) {
            Thread stop = new Thread(node::close);
            Runtime.getRuntime().addShutdownHook(stop);
            System.out.println("listening as " + config.aeTitle() + " on " + bind + ":" + node.port() + ", storing into "
                    + store + "; calling AE titles allowed: " + (allow.isEmpty() ? "any" : String.join(",", config.allowedCallers())));
            if (seconds != null) {
                Thread.sleep(seconds * 1000L);
            } else {
                node.awaitClose();
            }
            Runtime.getRuntime().removeShutdownHook(stop);
            System.out.println("stopped after storing " + node.storedCount() + " object(s)");
        }
        return 0;
    }
}
