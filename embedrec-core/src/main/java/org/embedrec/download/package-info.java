/**
 * Fetching public data sets: {@link org.embedrec.download.MovieLensRelease} names the MovieLens
 * releases GroupLens publishes, and {@link org.embedrec.download.MovieLensDownloader} downloads one
 * into a cache folder, checks it against the published MD5 and its announced size, unpacks it
 * safely and reuses it on later calls without touching the network. Progress goes to a
 * {@link org.embedrec.download.DownloadProgress}.
 *
 * <p>This package only places files on disk; reading them is the job of {@code org.embedrec.io}.
 */
package org.embedrec.download;
