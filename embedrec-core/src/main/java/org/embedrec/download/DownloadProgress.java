package org.embedrec.download;

/** Receives progress while an archive downloads, e.g. to drive a progress bar. */
@FunctionalInterface
public interface DownloadProgress {
    /** A listener that ignores progress. */
    DownloadProgress NONE = (done, total) -> { };

    /**
     * Called after each chunk and once at the end.
     *
     * @param bytesDone bytes received so far
     * @param bytesTotal the announced size (Content-Length), or -1 when the server did not send one
     */
    void update(long bytesDone, long bytesTotal);
}
