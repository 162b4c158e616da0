document.write('</SCRIPT><img src=x>');
