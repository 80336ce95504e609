package org.seedplan.cli.net;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.net.AeAddress;
import org.seedplan.dicom.net.FindScu;
import org.seedplan.dicom.net.QueryKey;
import org.seedplan.dicom.net.Timeouts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seedplan dicom find}: C-FIND of studies, or of the series of one study, on a peer. */
@Command(name = "find", mixinStandardHelpOptions = true, description = "Query a peer (Study Root C-FIND) for studies,"
        + " or with --study for the series of that study. Wildcards * and ? and date ranges follow DICOM matching.")
public final class FindCommand implements Callable<Integer> {

    private static final Pattern DATE_RANGE = Pattern.compile("\\d{8}|\\d{8}-|-\\d{8}|\\d{8}-\\d{8}");

    @Option(names = "--to", required = true, paramLabel = "AET@HOST:PORT", description = "the peer, e.g. PACS@10.0.0.5:104")
    String to;

    @Option(names = "--ae-title", defaultValue = "SEEDPLAN", description = "our AE title (default ${DEFAULT-VALUE})")
    String aeTitle;

    @Option(names = "--patient-id", description = "Patient ID to match")
    String patientId;

    @Option(names = "--patient-name", description = "patient name to match, e.g. 'DOE^J*'")
    String patientName;

    @Option(names = "--study-date", paramLabel = "RANGE", description = "YYYYMMDD, YYYYMMDD-YYYYMMDD, YYYYMMDD- or -YYYYMMDD")
    String studyDate;

    @Option(names = "--modality", description = "modality to match, e.g. CT")
    String modality;

    @Option(names = "--study", paramLabel = "UID", description = "list the series of this study instead of studies")
    String study;

    @Option(names = "--json", description = "print the answers as JSON")
    boolean json;

    @Override
    public Integer call() throws IOException {
        AeAddress peer = AeAddress.parse(to);
        if (studyDate != null && !DATE_RANGE.matcher(studyDate).matches()) {
            throw new IllegalArgumentException("--study-date '" + studyDate + "': give YYYYMMDD, YYYYMMDD-YYYYMMDD, YYYYMMDD- or -YYYYMMDD");
        }
        Map<QueryKey, String> keys = new EnumMap<>(QueryKey.class);
        put(keys, QueryKey.PATIENT_ID, patientId);
        put(keys, QueryKey.PATIENT_NAME, patientName);
        put(keys, QueryKey.STUDY_DATE, studyDate);
        put(keys, QueryKey.STUDY_INSTANCE_UID, study);
        put(keys, study == null ? QueryKey.MODALITIES_IN_STUDY : QueryKey.MODALITY, modality);
        String level = study == null ? "STUDY" : "SERIES";
        List<QueryKey> shown = study == null
                ? List.of(QueryKey.STUDY_DATE, QueryKey.PATIENT_ID, QueryKey.PATIENT_NAME, QueryKey.MODALITIES_IN_STUDY,
                QueryKey.NUMBER_OF_STUDY_RELATED_INSTANCES, QueryKey.STUDY_INSTANCE_UID, QueryKey.STUDY_DESCRIPTION)
                : List.of(QueryKey.SERIES_NUMBER, QueryKey.MODALITY, QueryKey.NUMBER_OF_SERIES_RELATED_INSTANCES,
                QueryKey.SERIES_INSTANCE_UID, QueryKey.SERIES_DESCRIPTION);
        List<Map<String, String>> rows = new ArrayList<>();
        for (DataSet answer : FindScu.find(peer, aeTitle, level, keys, Timeouts.DEFAULT)) {
            Map<String, String> row = new LinkedHashMap<>();
            for (QueryKey k : shown) {
                row.put(camel(k), String.join("\\", answer.strings(k.tag())));
            }
            rows.add(row);
        }
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
        } else {
            System.out.println(String.join("\t", shown.stream().map(FindCommand::camel).toList()));
            rows.forEach(r -> System.out.println(String.join("\t", r.values())));
            System.out.println(rows.size() + " " + level.toLowerCase(Locale.ROOT) + " answer(s) from " + peer);
        }
        return 0;
    }

    private static void put(Map<QueryKey, String> keys, QueryKey k, String value) {
        if (value != null) {
            if (value.isBlank() || value.contains("\\")) {
                throw new IllegalArgumentException("--" + camel(k) + " '" + value + "': give a non-empty value without backslash");
            }
            keys.put(k, value);
        }
    }

    /** studyInstanceUid for STUDY_INSTANCE_UID. */
    private static String camel(QueryKey k) {
        StringBuilder sb = new StringBuilder();
        for (String part : k.name().toLowerCase(Locale.ROOT).split("_")) {
            sb.append(sb.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return sb.toString();
    }
}
