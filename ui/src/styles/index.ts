// The style sheets in cascade order (later ones override earlier ones); Vite bundles them into one file.
import './base.css';
import './header.css';
import './layout.css';
import './auth.css';
import './forms.css';
import './buttons.css';
import './feedback.css';
import './tables.css';
import './audit.css';
import './account.css';
import './applications.css';
import './dialog.css';
import './responsive.css';
