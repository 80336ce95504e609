package org.seedplan.planning.template;

import java.util.List;
import org.seedplan.geometry.Vec3;

/**
 * A built template: the closed mesh (mm LPS), its channels, the centres of its registration holes
 * (mid-shell, mm LPS, each with the hole's axis), the two patient planes its laser marks lie in,
 * warnings for the physicist (flat channels), and the sampling used.
 *
 * @param laserPlanes each as "x = -45.0" style text: the LPS coordinate plane and its position, mm
 */
public record TemplateDesign(TriangleMesh mesh, List<TemplateChannel> channels, List<Vec3> registrationHolesMm, Vec3 registrationAxis,
                             List<String> laserPlanes, Vec3 headArrowMm, List<String> warnings, double voxelMm, double buildSeconds) {

    public TemplateDesign {
        channels = List.copyOf(channels);
        registrationHolesMm = List.copyOf(registrationHolesMm);
        laserPlanes = List.copyOf(laserPlanes);
        warnings = List.copyOf(warnings);
    }
}
