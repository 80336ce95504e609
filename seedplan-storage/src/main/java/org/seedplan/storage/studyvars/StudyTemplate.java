package org.seedplan.storage.studyvars;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ready template of the seed-implant papers' variables (PVTT, AFP, Tg, CNLC/BCLC, KPS, tumour count, volume, grade,
 * implant site, boundary, density …), read from {@code seed-implant-template.csv}; an administrator applies it to a study
 * with {@link StudyVariableRepository#defineAll}.
 */
public final class StudyTemplate {

    /** The name of the shipped template. */
    public static final String SEED_IMPLANT = "seed-implant";

    private StudyTemplate() {
    }

    /** The shipped template's definitions, in order. */
    public static List<VariableDefinition> seedImplant() {
        try (InputStream in = StudyTemplate.class.getResourceAsStream("seed-implant-template.csv")) {
            List<VariableDefinition> out = new ArrayList<>();
            boolean header = true;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",", -1);
                out.add(new VariableDefinition(f[0], f[1], ValueType.valueOf(f[2]), f[3], number(f[4]), number(f[5]),
                        f[6].isEmpty() ? List.of() : Arrays.asList(f[6].split("\\|")), RecordLevel.valueOf(f[7]), Boolean.parseBoolean(f[8])));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("the shipped study-variable template cannot be read", e);
        }
    }

    private static Double number(String s) {
        return s.isBlank() ? null : Double.valueOf(s);
    }
}
