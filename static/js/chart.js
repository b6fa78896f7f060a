// The cost chart keeps a legible size and scrolls sideways on a narrow screen: open it on the
// client's own volume (its marker a third of the way in, its label beside it), not on the left edge.
function openOnTheClientsVolume() {
  for (const frame of document.querySelectorAll(".chart-scroll")) {
    const marker = frame.querySelector(".chart-marker");
    if (!marker || frame.scrollWidth <= frame.clientWidth) continue;
    const at = marker.getBoundingClientRect().left - frame.getBoundingClientRect().left + frame.scrollLeft;
    frame.scrollLeft = Math.max(0, at - frame.clientWidth / 3);
  }
}
document.addEventListener("DOMContentLoaded", openOnTheClientsVolume);
