/**
 * The model families and their registry. Each family is one subpackage (options, trainer, model,
 * fold-in, codec) with a {@link org.embedrec.family.ModelFamily} that lists its named
 * {@link org.embedrec.family.Preset}s and codecs, registered by one line in
 * {@code META-INF/services/org.embedrec.family.ModelFamily}. {@link org.embedrec.family.ModelFamilies}
 * finds them; {@link org.embedrec.family.Trainers} builds a trainer from a preset's name and options.
 * No family depends on another, and the shared packages depend on none (ArchitectureTest);
 * docs/ARCHITECTURE.md has the checklist for a new family.
 */
package org.embedrec.family;
