package org.embedrec.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.embedrec.download.MovieLensDownloader;
import org.embedrec.download.MovieLensRelease;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code embedrec download}: fetch and cache a MovieLens release. */
@Command(name = "download", description = "Download a MovieLens release from GroupLens into $EMBEDREC_HOME/datasets (default ~/.embedrec), verify its MD5 and unpack it; reuses the cache.")
final class DownloadCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "ml-latest-small, ml-latest, ml-100k, ml-1m, ml-10m, ml-20m or ml-25m")
    String name;

    @Override
    public Integer call() throws Exception {
        MovieLensRelease release = MovieLensRelease.named(name);
        MovieLensDownloader downloader = new MovieLensDownloader(EmbedrecHome.datasets());
        if (downloader.isCached(release)) {
            System.out.println(release + " is already in the cache: " + downloader.folder(release));
            return 0;
        }
        Path folder;
        try (CountProgress progress = new CountProgress("download " + release, " MB", 1 << 20, -1)) {
            folder = downloader.fetch(release, progress::update);
        }
        System.out.println("downloaded " + release + " to " + folder);
        return 0;
    }
}
