/**
 * Implicit alternating least squares (iALS): {@link org.embedrec.family.ials.IalsTrainer} alternates
 * exact (Cholesky) or conjugate-gradient solves over users, then items, with the Gramian trick for the
 * unobserved pairs and Rendle et al.'s (2021) count-scaled regularization;
 * {@link org.embedrec.family.ials.IalsModel} scores {@code p_u · q_i} and folds a new user in by the
 * same user solve. Preset {@code ials}; model kind {@code ials}.
 */
package org.embedrec.family.ials;
