package org.seedplan.server.dicom;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.seedplan.dicom.net.AssociationRecord;
import org.seedplan.dicom.net.DicomNode;
import org.seedplan.dicom.net.NodeConfig;
import org.seedplan.dicom.net.ReceivedObjectStore;
import org.seedplan.dicom.net.Timeouts;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.dicom.DicomPeer;
import org.seedplan.storage.dicom.DicomPeers;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.StoredInstance;

/**
 * The DICOM Storage SCP of {@code seedplan serve}: admits only known peers allowed to send, calling from their
 * configured host; files each object they send in the registry of the peer's centre (with the checks of an upload,
 * through {@link DicomStore#storeIntoCentre}); and records every connection, refused ones too, in the audit trail.
 */
public final class RegistryDicomNode implements AutoCloseable {

    /** Our AE title when no node runs on a database's server (the workstation still calls peers by it). */
    public static final String DEFAULT_AE_TITLE = "SEEDPLAN";
    /** AE titles of the nodes running in this process, by the database they file into. */
    private static final Map<Database, String> AE_TITLES = new ConcurrentHashMap<>();

    private final Database db;
    private final DicomNode node;

    private RegistryDicomNode(Database db, DicomNode node) {
        this.db = db;
        this.node = node;
    }

    /** Starts the node on {@code bind}:{@code port} (0: a free port) as {@code aeTitle}, filing into {@code db}. */
    public static RegistryDicomNode start(Database db, String aeTitle, String bind, int port) throws IOException {
        DicomPeers peers = new DicomPeers(db);
        DicomStore store = DicomStore.open(db);
        AuditTrail audit = new AuditTrail(db);
        NodeConfig config = new NodeConfig(aeTitle, bind, port, null, java.util.Set.of(), Timeouts.DEFAULT, 32);
        DicomNode node = DicomNode.start(config,
                new ReceivedObjectStore(o -> keep(db, peers, store, o)),
                (ae, address) -> refusal(peers, ae, address),
                r -> audit(audit, peers, r));
        AE_TITLES.put(db, config.aeTitle());
        return new RegistryDicomNode(db, node);
    }

    /** Our AE title on the server of {@code db}: the running node's, or {@link #DEFAULT_AE_TITLE}. */
    public static String aeTitleFor(Database db) {
        return AE_TITLES.getOrDefault(db, DEFAULT_AE_TITLE);
    }

    /** The port listened on. */
    public int port() {
        return node.port();
    }

    @Override
    public void close() {
        node.close();
        AE_TITLES.remove(db);
    }

    /** Null when {@code ae} is a known peer allowed to send and calls from one of its host's addresses. */
    static String refusal(DicomPeers peers, String ae, InetAddress from) {
        Optional<DicomPeer> p = peers.byAeTitle(ae);
        if (p.isEmpty()) {
            return "calling AE title '" + ae + "' is not a known peer of any centre";
        }
        if (!p.get().maySend()) {
            return "peer " + ae + " is not allowed to send to seedplan";
        }
        if (!isHost(p.get().host(), from)) {
            return "peer " + ae + " calls from " + from.getHostAddress() + ", not from its configured host " + p.get().host();
        }
        return null;
    }

    private static boolean isHost(String host, InetAddress from) {
        try {
            return Arrays.asList(InetAddress.getAllByName(host)).contains(from);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Files one checked object in the centre of the peer that sent it; a peer no longer allowed is refused. */
    private static ReceivedObjectStore.StoredObject keep(Database db, DicomPeers peers, DicomStore store, ReceivedObjectStore.CheckedObject o) {
        DicomPeer p = peers.byAeTitle(o.sourceAe()).filter(DicomPeer::maySend).orElseThrow(() -> new IllegalArgumentException(
                "peer " + o.sourceAe() + " is no longer allowed to send: object " + o.sopInstanceUid() + " refused"));
        StoredInstance i = store.storeIntoCentre(actor(o.sourceAe(), p.centreId()), p.centreId(), o.part10(),
                "object " + o.sopInstanceUid() + " from " + o.sourceAe());
        return new ReceivedObjectStore.StoredObject(db.dataFolder().resolve(i.filePath()), i.studyInstanceUid(), i.seriesInstanceUid());
    }

    /** One audit row per connection: DICOM_ASSOCIATION (accepted) or DICOM_ASSOCIATION_REFUSED, with everything it carried. */
    private static void audit(AuditTrail audit, DicomPeers peers, AssociationRecord r) {
        Long centre = r.callingAe() == null ? null : peers.byAeTitle(r.callingAe()).map(DicomPeer::centreId).orElse(null);
        String who = r.callingAe() != null ? r.callingAe() : r.peerHost();
        audit.append(actor(who, centre), r.accepted() ? "DICOM_ASSOCIATION" : "DICOM_ASSOCIATION_REFUSED", "dicom_association",
                who, "association", null, describe(r), null);
    }

    /** The audit text of one association. */
    static String describe(AssociationRecord r) {
        String stored = r.objects().stream().filter(AssociationRecord.ObjectOutcome::stored)
                .map(AssociationRecord.ObjectOutcome::sopInstanceUid).collect(Collectors.joining(" "));
        String refused = r.objects().stream().filter(o -> !o.stored())
                .map(o -> o.sopInstanceUid() + String.format(Locale.ROOT, " (status %04X)", o.status())).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "peer %s:%d, calling AE %s, called AE %s, %s, %d ms; %d object(s) offered, %d stored%s%s",
                r.peerHost(), r.peerPort(), r.callingAe() == null ? "-" : r.callingAe(), r.calledAe() == null ? "-" : r.calledAe(),
                r.result(), r.durationMs(), r.objects().size(), r.storedCount(), stored.isEmpty() ? "" : "; stored: " + stored,
                refused.isEmpty() ? "" : "; refused: " + refused);
    }

    private static Actor actor(String ae, Long centreId) {
        return new Actor(null, "dicom:" + ae, null, centreId, null);
    }
}
