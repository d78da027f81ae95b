package dev.entdist.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser (Debian's headless chromium through Selenium): a typed sentence is
 * highlighted where the API finds occurrences, in both models' panels, each coloured by its top
 * label with saturation = certainty; keyboard focus shows bars whose values are the API's. Skips
 * only when chromium or chromedriver is not installed ({@code .ci/run} installs both).
 */
class PageBrowserTest {

  private static final String SENTENCE =
      "My cell died, so I need a charger for my phone. Under the microscope the cell divided.";

  private static final Path CHROMIUM = Path.of(System.getProperty("entdist.chromium",
      "/usr/bin/chromium"));
  private static final Path DRIVER = Path.of(System.getProperty("entdist.chromedriver",
      "/usr/bin/chromedriver"));

  @TempDir static Path profile;

  private static ModelServer server;
  private static WebDriver browser;
  private static TestServers.Client client;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "chromium and chromedriver are not installed (apt-get install chromium"
            + " chromium-driver)");
    server = TestServers.start(List.of(new NamedModel("soft", TestServers.soft()),
        new NamedModel("onehot", TestServers.onehot())));
    client = new TestServers.Client(server.port());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-dev-shm-usage", "--window-size=1280,1000",
        "--user-data-dir=" + new File(profile.toFile(), "chromium"));
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aTypedSentenceIsHighlightedAndItsBarsAreTheApisAnswer() throws Exception {
    browser.get("http://127.0.0.1:" + server.port() + "/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute(
        "data-ready")));
    assertEquals("Text to read", browser.findElement(By.cssSelector("label[for=text]"))
        .getText());

    WebElement text = browser.findElement(By.id("text"));
    text.clear();
    text.sendKeys(SENTENCE);
    browser.findElement(By.id("show")).click();
    for (String model : new String[] {"soft", "onehot"}) {
      wait.until(d -> SENTENCE.equals(reading(model).getText()));
    }

    for (String model : new String[] {"soft", "onehot"}) {
      JsonNode answer = client.post("/v1/annotate", "{\"text\": " + TestServers.quote(SENTENCE)
          + ", \"model\": \"" + model + "\"}").json();
      int k = answer.get("occurrences").get(0).get("distribution").size();
      List<WebElement> marks = reading(model).findElements(By.cssSelector("mark.occ"));
      assertEquals(answer.get("occurrences").size(), marks.size(), model);
      assertEquals(2, marks.size(), model);
      for (int i = 0; i < marks.size(); i++) {
        JsonNode occ = answer.get("occurrences").get(i);
        WebElement m = marks.get(i);
        assertEquals(occ.get("surface").asText(), m.getText());
        assertEquals(occ.get("start").asText(), m.getDomAttribute("data-start"));
        assertEquals(occ.get("end").asText(), m.getDomAttribute("data-end"));
        assertEquals(occ.get("distribution").fieldNames().next(), m.getDomAttribute("data-top"));
        double certainty = 1 - occ.get("entropy").asDouble() / Math.log(k);
        assertEquals(certainty, Double.parseDouble(m.getDomAttribute("data-certainty")), 1e-4);
        assertEquals(0.9 * certainty, saturation(m.getCssValue("background-color")), 0.02,
            model + " occurrence " + i + ": saturation shows certainty");
      }
    }

    // Keyboard: from the text, Tab passes the button and lands on the first occurrence.
    text.sendKeys(Keys.TAB);
    browser.switchTo().activeElement().sendKeys(Keys.TAB);
    WebElement focused = browser.switchTo().activeElement();
    assertEquals("mark", focused.getTagName());
    assertEquals("cell", focused.getText());
    checkBars(0);
    focused.sendKeys(Keys.TAB);
    assertEquals(reading("soft").findElements(By.cssSelector("mark.occ")).get(1),
        browser.switchTo().activeElement());
    checkBars(1);
  }

  @Test
  void aPhoneWidthScreenNeedsNoSidewaysScrolling() {
    browser.manage().window().setSize(new Dimension(360, 740));
    try {
      browser.get("http://127.0.0.1:" + server.port() + "/");
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      wait.until(d -> !d.findElements(By.cssSelector(".panel .bar")).isEmpty());
      Number scroll = (Number) ((JavascriptExecutor) browser).executeScript(
          "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertTrue(scroll.intValue() <= 0, "the page is " + scroll + " px too wide at 360 px");
      List<WebElement> panels = browser.findElements(By.cssSelector(".panel"));
      assertTrue(panels.get(1).getRect().getY() > panels.get(0).getRect().getY(),
          "the panels stack on a narrow screen");
    } finally {
      browser.manage().window().setSize(new Dimension(1280, 1000));
    }
  }

  /** The bars of both panels show the API's distribution of occurrence {@code i}. */
  private static void checkBars(int i) throws Exception {
    for (String model : new String[] {"soft", "onehot"}) {
      JsonNode occ = client.post("/v1/annotate", "{\"text\": " + TestServers.quote(SENTENCE)
          + ", \"model\": \"" + model + "\"}").json().get("occurrences").get(i);
      WebElement mark = reading(model).findElements(By.cssSelector("mark.occ")).get(i);
      assertEquals("true", mark.getDomAttribute("aria-pressed"), model);
      List<WebElement> bars = panel(model).findElements(By.cssSelector(".bars li.bar"));
      List<String> labels = new ArrayList<>();
      bars.forEach(b -> labels.add(b.getDomAttribute("data-label")));
      List<String> expected = new ArrayList<>();
      occ.get("distribution").fieldNames().forEachRemaining(expected::add);
      assertEquals(expected, labels, model + ": labels, most probable first");
      Iterator<Map.Entry<String, JsonNode>> it = occ.get("distribution").fields();
      for (WebElement bar : bars) {
        double p = it.next().getValue().asDouble();
        assertEquals(p, Double.parseDouble(bar.getDomAttribute("data-p")), 0.0);
        assertEquals(String.format(Locale.ROOT, "%.1f%%", 100 * p),
            bar.findElement(By.className("value")).getText());
      }
    }
  }

  private static WebElement panel(String model) {
    return browser.findElement(By.cssSelector(".panel[data-model='" + model + "']"));
  }

  private static WebElement reading(String model) {
    return panel(model).findElement(By.className("reading"));
  }

  /** The HSL saturation (0..1) of a CSS {@code rgb(...)} or {@code rgba(...)} colour. */
  static double saturation(String css) {
    String[] parts = css.replaceAll("[^0-9.,]", "").split(",");
    double r = Double.parseDouble(parts[0]) / 255;
    double g = Double.parseDouble(parts[1]) / 255;
    double b = Double.parseDouble(parts[2]) / 255;
    double max = Math.max(r, Math.max(g, b));
    double min = Math.min(r, Math.min(g, b));
    double l = (max + min) / 2;
    if (max == min) {
      return 0;
    }
    return (max - min) / (1 - Math.abs(2 * l - 1));
  }
}
