package org.seedplan.dicom.rtplan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seedplan.source.SourceLibrary;
import org.seedplan.source.SourceModel;

/**
 * Finds the TG-43 data set of an RT Plan's source: its Source Model ID is compared, ignoring case,
 * spaces and hyphens, with each library model's key and with the manufacturer's model names in the
 * model's description (the words after "model", e.g. "6711", "6702", "IAI-125A"). Exactly one model
 * must match; the isotope is compared separately ({@link #isIodine125}).
 */
public final class SeedModelMatcher {

    private static final Pattern MODEL_NAME = Pattern.compile("(?i)\\bmodel\\s+([A-Za-z0-9][A-Za-z0-9-]*)");

    private SeedModelMatcher() {
    }

    /** The key of the one library model the source names, or empty when none or several match. */
    public static Optional<String> match(BrachySource source, SourceLibrary library) {
        String id = normalise(source.modelId());
        if (id.isEmpty()) {
            return Optional.empty();
        }
        List<String> hits = new ArrayList<>();
        for (String key : library.keys()) {
            if (aliases(library.model(key)).contains(id)) {
                hits.add(key);
            }
        }
        return hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
    }

    /** The names a model answers to: its key and the manufacturer's model names in its description, normalised. */
    public static List<String> aliases(SourceModel model) {
        List<String> out = new ArrayList<>();
        out.add(normalise(model.key()));
        Matcher m = MODEL_NAME.matcher(model.description());
        while (m.find()) {
            out.add(normalise(m.group(1)));
        }
        return out;
    }

    /** The manufacturer's model name of a library model (the first word after "model" in its description), else its key. */
    public static String manufacturerModelName(SourceModel model) {
        Matcher m = MODEL_NAME.matcher(model.description());
        return m.find() ? m.group(1) : model.key();
    }

    /** The manufacturer named in a library model's description (the text before "model"), else the whole description. */
    public static String manufacturer(SourceModel model) {
        Matcher m = MODEL_NAME.matcher(model.description());
        return m.find() && m.start() > 0 ? model.description().substring(0, m.start()).trim() : model.description();
    }

    /** True for the spellings of iodine-125 ("I-125", "I125", "125I", "Iodine-125"). */
    public static boolean isIodine125(String isotope) {
        String s = normalise(isotope);
        return s.equals("I125") || s.equals("125I") || s.equals("IODINE125");
    }

    static String normalise(String s) {
        return s.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }
}
