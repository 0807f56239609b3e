package io.setlist.scheduler.dashboard;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's Chromium driven headless through Debian's chromedriver. Both paths are given to Selenium, so Selenium
 * Manager is never asked for (and never downloads) a browser or a driver; {@code bin/ensure-chromium}, run by Maven
 * before the tests, installs the two packages when they are missing.
 *
 * <p>The test JVM runs in a user namespace as uid 1000 ({@code bin/java-unprivileged}); Chromium starts there with
 * {@code --no-sandbox} (its own sandbox needs privileges the namespace does not give) and a profile in a temporary
 * directory, because the real home belongs to root.
 */
final class HeadlessChromium {
    static final Path BROWSER = Path.of(System.getProperty("setlist.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("setlist.chromedriver", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    static ChromeDriver start(Path profile, int width, int height) {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("the dashboard test needs " + BROWSER + " and " + DRIVER + "; run "
                    + "bin/ensure-chromium as root (or: apt-get install -y chromium chromium-driver)");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(profile.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--window-size=" + width + "," + height, "--user-data-dir=" + profile.resolve("profile"));
        return new ChromeDriver(service, options);
    }
}
