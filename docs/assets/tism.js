/* tism: make the site search insensitive to the invisible joiners ZWJ and ZWNJ, which Bengali
   keyboards insert in words like র‍্যাব. The index is built without them (tism plugin); this
   removes them from what the reader types, before the search sees the input. */
document.addEventListener("input", function (event) {
  var input = event.target;
  if (input && input.matches && input.matches("input[data-md-component=search-query]")
      && /[\u200c\u200d]/.test(input.value)) {
    input.value = input.value.replace(/[\u200c\u200d]/g, "");
  }
}, true);
