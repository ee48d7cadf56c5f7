// The one script the site has, an enhancement only: a row of section tabs wider than the page is
// scrolled so the current tab is in view (without it, the row starts at the first tab).
export const TABS_SCRIPT =
  '(function(){var a=document.querySelector("nav.sections [aria-current]");if(!a)return;var u=a.parentNode.parentNode;if(u.scrollWidth>u.clientWidth)u.scrollLeft=a.offsetLeft-(u.clientWidth-a.offsetWidth)/2})()';
